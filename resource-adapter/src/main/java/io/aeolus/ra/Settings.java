package io.aeolus.ra;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;

/**
 * Where to connect and as whom, after the overrides: a value set on the connection factory or activation spec wins
 * over the resource adapter's.
 *
 * @param url      the broker URL.
 * @param userName the user, or null for the URL's or an anonymous one.
 * @param password the password, or null.
 */
record Settings(String url, String userName, String password)
{
    static Settings of(final AeolusResourceAdapter ra, final String url, final String userName, final String password)
    {
        return new Settings(
            blank(url) ? (null == ra ? new AeolusResourceAdapter().getServerUrl() : ra.getServerUrl()) : url,
            blank(userName) ? (null == ra ? null : ra.getUserName()) : userName,
            blank(userName) ? (null == ra ? null : ra.getPassword()) : password);
    }

    static void requireUrl(final String property, final String url) throws ResourceException
    {
        if (blank(url))
        {
            throw new InvalidPropertyException(property + " is empty: give the broker URL, e.g. " +
                "aeolus:udp://host:5150");
        }
        if (!url.startsWith("aeolus:"))
        {
            throw new InvalidPropertyException(property + " '" + url + "' is not an Aeolus URL (aeolus:ipc or " +
                "aeolus:udp://host:port)");
        }
    }

    Connection createConnection() throws JMSException
    {
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(url);
        return null == userName ? factory.createConnection() : factory.createConnection(userName, password);
    }

    XAConnection createXAConnection() throws JMSException
    {
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(url);
        return null == userName ? factory.createXAConnection() : factory.createXAConnection(userName, password);
    }

    static boolean blank(final String value)
    {
        return null == value || value.isBlank();
    }

    @Override
    public String toString()
    {
        return "Settings[" + url + ", user " + userName + "]";
    }
}
