package io.aeolus.broker.security;

/**
 * What a role may do on the destinations matching a pattern. The config file names them as
 * {@link #configName()}: {@code aeolus.security.role.app.send=orders.#}. Thread-safe: immutable.
 */
public enum Permission
{
    /** Send (produce) to a queue or topic. */
    SEND("send", "send to"),
    /** Consume from a queue, or subscribe to a topic (non-durably or to an existing durable subscription). */
    CONSUME("consume", "consume from"),
    /** Browse a queue without consuming. */
    BROWSE("browse", "browse"),
    /** Create a durable subscription on a topic. */
    CREATE_DURABLE("createDurable", "create a durable subscription on"),
    /** Delete (unsubscribe) a durable subscription of a topic. */
    DELETE_DURABLE("deleteDurable", "delete a durable subscription of"),
    /** Create a queue or topic that does not exist yet (including creation on first use). */
    CREATE_DESTINATION("createDestination", "create"),
    /** Delete a queue or topic. */
    DELETE_DESTINATION("deleteDestination", "delete"),
    /** Use the management queue and metrics topic: list, browse, purge, move, create, delete, close connections. */
    MANAGE("manage", "manage");

    private static final Permission[] VALUES = values();

    private final String configName;
    private final String verb;

    Permission(final String configName, final String verb)
    {
        this.configName = configName;
        this.verb = verb;
    }

    /**
     * @return the name in the config file, e.g. {@code createDurable}.
     */
    public String configName()
    {
        return configName;
    }

    /**
     * @return the operation as a verb phrase for messages, e.g. "send to".
     */
    public String verb()
    {
        return verb;
    }

    /**
     * @param name a config name, e.g. {@code consume}.
     * @return the permission, or null if none has that name.
     */
    public static Permission byConfigName(final String name)
    {
        for (final Permission permission : VALUES)
        {
            if (permission.configName.equals(name))
            {
                return permission;
            }
        }
        return null;
    }
}
