package io.aeolus.broker.management;

import javax.security.auth.Subject;
import java.security.AccessController;
import java.security.Principal;
import java.util.Map;

/**
 * What the JMX MBeans need beside the contract: the text forms of a sent message's properties and map entries, the
 * name of the JMX caller, and the shape of a message read through JMX. Stateless; any thread.
 */
final class JmxArguments
{
    private JmxArguments()
    {
    }

    static void putIfSet(final Map<String, Object> request, final String name, final String value)
    {
        if (null != value && !value.isEmpty())
        {
            request.put(name, value);
        }
    }

    /**
     * Adds {@code name=value} lines as string entries under a prefix.
     */
    static void putLines(
        final Map<String, Object> request, final String prefix, final String lines, final String argument)
    {
        if (null == lines || lines.isBlank())
        {
            return;
        }
        for (final String line : lines.split("\\R"))
        {
            if (line.isBlank())
            {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalStateException(ManagementException.INVALID_ARGUMENT + ": " + argument +
                    ": expected name=value, not '" + line + "'");
            }
            request.put(prefix + line.substring(0, equals).trim(), line.substring(equals + 1));
        }
    }

    /**
     * @return the name of the authenticated JMX principal calling on this thread (remote JMX with a password file or
     * a JAAS login), empty for an unauthenticated or local caller.
     */
    @SuppressWarnings("removal")
    static String jmxUser()
    {
        // JMX runs a remote call inside the caller's Subject; the only way to read it on Java 17 is this API, which
        // later Java versions replace with Subject.current().
        final Subject subject = Subject.getSubject(AccessController.getContext());
        if (null == subject)
        {
            return "";
        }
        for (final Principal principal : subject.getPrincipals())
        {
            return principal.getName();
        }
        return "";
    }

    /**
     * A message read through JMX: a text body as text, any other as base64, the properties as text.
     */
    record ReadMessage(String messageId, String destination, String correlationId, String type, String replyTo,
        long timestamp, long expiration, long deliveryTime, int priority, boolean persistent, int deliveryCount,
        boolean scheduled, String bodyType, int bodySize, long bodyOffset, String body, String className,
        String properties)
    {
    }
}
