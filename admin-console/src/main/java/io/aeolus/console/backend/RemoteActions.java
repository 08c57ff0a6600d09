package io.aeolus.console.backend;

import io.aeolus.jms.admin.AdminBridges;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminGroup;
import io.aeolus.jms.admin.AdminMessages;
import io.aeolus.jms.admin.AdminRetention;
import io.aeolus.jms.admin.AdminRoutes;
import io.aeolus.jms.admin.AdminTrash;
import io.aeolus.jms.admin.AdminUsers;
import io.aeolus.jms.admin.AdminXa;
import io.aeolus.management.BridgeInfo;
import io.aeolus.management.BrokerStatus;
import io.aeolus.management.GroupStatus;
import io.aeolus.management.LastValueInfo;
import io.aeolus.management.MessageInfo;
import io.aeolus.management.PreparedBranch;
import io.aeolus.management.RetentionInfo;
import io.aeolus.management.RouteInfo;
import io.aeolus.management.UserInfo;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link BrokerActions} on a real broker, through the management client of the backend's current connection.
 * Thread-safe as the {@link AdminClient} is.
 */
final class RemoteActions implements BrokerActions
{
    private static final int PAGE_LIMIT = 1000;

    /**
     * The current connection's client; fails when there is none.
     */
    @FunctionalInterface
    interface ClientSource
    {
        AdminClient client() throws JMSException;
    }

    private final ClientSource source;

    RemoteActions(final ClientSource source)
    {
        this.source = source;
    }

    @Override
    public boolean createDestination(final String name, final boolean topic) throws Exception
    {
        final AdminClient client = source.client();
        final boolean existed = topic ? client.destinations().stream()
            .anyMatch((d) -> !d.isQueue() && d.name().equals(name)) : null != client.queue(name);
        if (topic)
        {
            client.createTopic(name);
        }
        else
        {
            client.createQueue(name);
        }
        return !existed;
    }

    @Override
    public boolean createDestination(final String name, final boolean topic, final Map<String, String> settings)
        throws Exception
    {
        if (settings.isEmpty())
        {
            return createDestination(name, topic);
        }
        final AdminClient client = source.client();
        if (topic)
        {
            client.createTopic(name, settings);
        }
        else
        {
            client.createQueue(name, settings);
        }
        return true;
    }

    @Override
    public List<io.aeolus.management.SettingInfo> destinationSettings(final String name, final boolean topic)
        throws Exception
    {
        return source.client().destinationSettings(name, topic);
    }

    @Override
    public List<io.aeolus.management.SettingInfo> changeDestinationSettings(final String name, final boolean topic,
        final Map<String, String> set, final List<String> reset) throws Exception
    {
        final AdminClient client = source.client();
        if (!reset.isEmpty())
        {
            client.resetDestinationSettings(name, topic, reset);
        }
        if (!set.isEmpty())
        {
            client.setDestinationSettings(name, topic, set);
        }
        return client.destinationSettings(name, topic);
    }

    @Override
    public PurgeResult deleteDestination(final String name, final boolean topic) throws Exception
    {
        final AdminClient client = source.client();
        PurgeResult trashed = new PurgeResult(0, "");
        if (!topic)
        {
            final AdminTrash.Removal removal = new AdminTrash(client).purge(name, null);
            trashed = new PurgeResult(removal.count(), removal.batch());
        }
        client.deleteDestination(name, topic);
        return trashed;
    }

    @Override
    public boolean pause(final String queue, final boolean pause) throws Exception
    {
        return pause ? source.client().pause(queue) : source.client().resume(queue);
    }

    @Override
    public PurgeResult deleteMessages(final String queue, final List<String> messageIds) throws Exception
    {
        final AdminTrash.Removal removal = new AdminTrash(source.client()).delete(queue, messageIds);
        return new PurgeResult(removal.count(), removal.batch());
    }

    @Override
    public int transfer(final String queue, final String target, final List<String> messageIds, final boolean copy)
        throws Exception
    {
        if (messageIds.isEmpty())
        {
            throw new IllegalArgumentException("no messages selected");
        }
        return copy ? source.client().copy(queue, target, messageIds, null) :
            source.client().move(queue, target, messageIds, null);
    }

    @Override
    public int resend(final String queue, final List<String> messageIds, final String destination,
        final boolean topic) throws Exception
    {
        return new AdminMessages(source.client()).resend(queue, messageIds, destination, topic);
    }

    @Override
    public List<BrowsedMessage> search(final String queue, final String text, final String selector,
        final int offset, final int limit) throws Exception
    {
        final List<BrowsedMessage> rows = new ArrayList<>();
        for (final MessageInfo info : source.client().search(queue, text, selector, offset,
            Math.min(limit, PAGE_LIMIT)))
        {
            rows.add(AdminRecords.message(info));
        }
        return rows;
    }

    @Override
    public BrowsedPage searchPage(final String queue, final String text, final String selector,
        final int offset, final int limit) throws Exception
    {
        final io.aeolus.management.MessagePage page = source.client().searchPage(queue, text, selector, offset,
            Math.min(limit, PAGE_LIMIT));
        final List<BrowsedMessage> rows = new ArrayList<>();
        for (final MessageInfo info : page.messages())
        {
            rows.add(AdminRecords.message(info));
        }
        return new BrowsedPage(rows, page.total());
    }

    @Override
    public long dropSubscription(final String topic, final String clientId, final String name) throws Exception
    {
        return source.client().dropSubscription(topic, clientId, name);
    }

    @Override
    public ConnectionDetail connectionDetail(final long connectionId) throws Exception
    {
        final AdminClient client = source.client();
        return new ConnectionDetail(connectionId, client.sessions(connectionId), client.consumers(connectionId),
            client.producers(connectionId));
    }

    @Override
    public BrokerStatus status() throws Exception
    {
        return source.client().status();
    }

    @Override
    public GroupStatus group() throws Exception
    {
        return new AdminGroup(source.client()).status();
    }

    @Override
    public List<PreparedBranch> xaBranches() throws Exception
    {
        return new AdminXa(source.client()).branches();
    }

    @Override
    public void completeXaBranch(final String xid, final boolean commit) throws Exception
    {
        final AdminXa xa = new AdminXa(source.client());
        if (commit)
        {
            xa.commit(xid);
        }
        else
        {
            xa.rollback(xid);
        }
    }

    @Override
    public List<RouteInfo> routes() throws Exception
    {
        return new AdminRoutes(source.client()).list();
    }

    @Override
    public void createRoute(final String name, final String source, final String selector, final String targets,
        final String mode) throws Exception
    {
        new AdminRoutes(this.source.client()).create(name, source, selector, targets, mode);
    }

    @Override
    public void createRoute(final String name, final String source, final String selector, final String targets,
        final String mode, final String transformer, final Map<String, String> parameters, final String schema,
        final String invalid) throws Exception
    {
        new AdminRoutes(this.source.client()).create(name, source, selector, targets, mode, transformer, parameters,
            schema, invalid);
    }

    @Override
    public List<LastValueInfo> lastValueQueues() throws Exception
    {
        return new AdminRoutes(source.client()).lastValueQueues();
    }

    @Override
    public List<RetentionInfo> retention() throws Exception
    {
        return new AdminRetention(source.client()).list();
    }

    @Override
    public void deleteRoute(final String name) throws Exception
    {
        new AdminRoutes(source.client()).delete(name);
    }

    @Override
    public List<BridgeInfo> bridges() throws Exception
    {
        return new AdminBridges(source.client()).list();
    }

    @Override
    public void bridgeAction(final String name, final String action) throws Exception
    {
        final AdminBridges bridges = new AdminBridges(source.client());
        switch (action)
        {
            case "pause" -> bridges.pause(name);
            case "resume" -> bridges.resume(name);
            case "delete" -> bridges.delete(name);
            default -> throw new IllegalArgumentException("unknown bridge action '" + action
                + "': expected pause, resume or delete");
        }
    }

    @Override
    public BrowsedMessage message(final String queue, final String messageId) throws Exception
    {
        final List<MessageInfo> found = source.client().browse(queue, idSelector(messageId), 0, 1);
        if (found.isEmpty())
        {
            throw new IllegalStateException("message " + messageId + " is no longer in " + queue);
        }
        return AdminRecords.message(found.get(0));
    }

    @Override
    public List<DeadLetter> deadLetters(final String deadLetterQueue, final String selector, final int limit)
        throws Exception
    {
        final List<DeadLetter> rows = new ArrayList<>();
        for (final MessageInfo info : source.client().browse(deadLetterQueue, selector, 0,
            Math.min(limit, PAGE_LIMIT)))
        {
            rows.add(AdminRecords.deadLetter(info));
        }
        return rows;
    }

    @Override
    public ImportCount importMessages(final java.nio.file.Path file, final String queue) throws Exception
    {
        final io.aeolus.jms.admin.ImportResult result = source.client().importMessages(file, queue);
        return new ImportCount(result.imported(), result.expired());
    }

    /**
     * A selector that picks one message by its id; a quote in the id is doubled, as selector strings require.
     */
    static String idSelector(final String messageId)
    {
        return "JMSMessageID = '" + messageId.replace("'", "''") + "'";
    }

    @Override
    public List<UserInfo> users() throws Exception
    {
        return new AdminUsers(source.client()).list();
    }

    @Override
    public void changeUser(final String change, final String name, final String password, final String roles)
        throws Exception
    {
        final AdminUsers users = new AdminUsers(source.client());
        switch (change)
        {
            case "add" -> users.add(name, password, roles);
            case "password" -> users.changePassword(name, password);
            case "roles" -> users.setRoles(name, roles);
            case "remove" -> users.remove(name);
            default -> throw new IllegalArgumentException("unknown user change '" + change + "'");
        }
    }
}
