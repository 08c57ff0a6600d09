package io.aeolus.ra;

import jakarta.resource.spi.ConnectionRequestInfo;

import java.util.Objects;

/**
 * The credentials an application passed to {@code createConnection(user, password)}; null for the configured ones.
 * The container pools managed connections per request info, so equal credentials share connections.
 */
final class AeolusConnectionRequestInfo implements ConnectionRequestInfo
{
    private final String userName;
    private final String password;

    AeolusConnectionRequestInfo(final String userName, final String password)
    {
        this.userName = userName;
        this.password = password;
    }

    String userName()
    {
        return userName;
    }

    String password()
    {
        return password;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof AeolusConnectionRequestInfo info && Objects.equals(userName, info.userName) &&
            Objects.equals(password, info.password);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(userName, password);
    }

    @Override
    public String toString()
    {
        return "AeolusConnectionRequestInfo[" + userName + "]";
    }
}
