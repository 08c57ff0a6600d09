package io.aeolus.jms.admin;

import io.aeolus.management.GroupStatus;
import io.aeolus.management.Operation;
import io.aeolus.management.Request;
import jakarta.jms.JMSException;

/**
 * A broker group through an {@link AdminClient} connected with a cluster URL ({@code aeolus:cluster://...}): its
 * members with their role, term, log position and lag behind the leader. The leader answers, so the lags are its
 * view. A single broker refuses with a {@link JMSException} saying it is not a member of a group.
 */
public final class AdminGroup
{
    private final AdminClient client;

    /**
     * @param client the client to call through.
     */
    public AdminGroup(final AdminClient client)
    {
        this.client = client;
    }

    /**
     * @return the group as its leader sees it.
     * @throws JMSException if the broker is not a member of a group, the user may not, or the call fails.
     */
    public GroupStatus status() throws JMSException
    {
        return GroupStatus.read(client.call(Request.of(Operation.GROUP)));
    }
}
