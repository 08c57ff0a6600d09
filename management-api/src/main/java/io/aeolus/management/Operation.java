package io.aeolus.management;

import java.util.HashMap;
import java.util.Map;

/**
 * Every management operation, with its name on the wire (the request's {@link Argument#OP} entry) and whether it
 * changes anything (what the broker writes to its audit log). Immutable; any thread.
 */
public enum Operation
{
    /** Lists every queue and topic as {@link DestinationInfo} rows. */
    DESTINATIONS("destinations", false),
    /** Lists the open connections as {@link ConnectionInfo} rows. */
    CONNECTIONS("connections", false),
    /** Lists sessions as {@link SessionInfo} rows, optionally of one {@link Argument#CONNECTION_ID}. */
    SESSIONS("sessions", false),
    /** Lists consumers as {@link ConsumerInfo} rows, optionally of one {@link Argument#CONNECTION_ID}. */
    CONSUMERS("consumers", false),
    /** Lists producers as {@link ProducerInfo} rows, optionally of one {@link Argument#CONNECTION_ID}. */
    PRODUCERS("producers", false),
    /** Closes the connection {@link Argument#CONNECTION_ID}. */
    CLOSE_CONNECTION("closeConnection", true),
    /** Lists durable and shared subscriptions as {@link SubscriptionInfo} rows. */
    SUBSCRIPTIONS("subscriptions", false),
    /** Deletes a durable subscription: {@link Argument#TOPIC}, {@link Argument#CLIENT_ID}, {@link Argument#NAME}. */
    DROP_SUBSCRIPTION("dropSubscription", true),
    /** Creates the queue {@link Argument#NAME}, with the settings given as {@link Argument#SETTING_PREFIX} entries. */
    CREATE_QUEUE("createQueue", true),
    /** Creates the topic {@link Argument#NAME}, with the settings given as {@link Argument#SETTING_PREFIX} entries. */
    CREATE_TOPIC("createTopic", true),
    /**
     * Lists the settings in force for the destination {@link Argument#NAME} of {@link Argument#TYPE} as
     * {@link SettingInfo} rows, saying which it was given of its own.
     */
    DESTINATION_SETTINGS("destinationSettings", false),
    /**
     * Gives the destination {@link Argument#NAME} of {@link Argument#TYPE} the settings of its
     * {@link Argument#SETTING_PREFIX} entries (its other own settings stay); answers the settings in force.
     */
    SET_DESTINATION_SETTINGS("setDestinationSettings", true),
    /**
     * Takes back the destination's own settings ({@link Argument#SETTINGS}: only those), so that it follows the
     * broker's again; answers the settings in force.
     */
    RESET_DESTINATION_SETTINGS("resetDestinationSettings", true),
    /** Deletes the destination {@link Argument#NAME} of {@link Argument#TYPE}. */
    DELETE_DESTINATION("deleteDestination", true),
    /** Pauses delivery from the queue {@link Argument#NAME}. */
    PAUSE("pause", true),
    /** Resumes delivery from the queue {@link Argument#NAME}. */
    RESUME("resume", true),
    /** Removes every waiting message of the queue {@link Argument#NAME}. */
    PURGE("purge", true),
    /** Browses a queue's messages as {@link MessageInfo} rows. */
    BROWSE("browse", false),
    /** Searches a queue's messages for a text, as {@link MessageInfo} rows. */
    SEARCH("search", false),
    /** Reads one message (a slice of its body) as a {@link MessageDetail}. */
    GET_MESSAGE("getMessage", false),
    /** Sends a message built from the arguments. */
    SEND_MESSAGE("sendMessage", true),
    /** Moves selected messages to {@link Argument#TARGET}. */
    MOVE("move", true),
    /** Copies selected messages to {@link Argument#TARGET}. */
    COPY("copy", true),
    /** Deletes selected messages. */
    DELETE_MESSAGES("deleteMessages", true),
    /** Sends dead letters back to where they came from. */
    RETRY_DEAD_LETTERS("retryDeadLetters", true),
    /** Groups a dead-letter queue's messages as {@link DeadLetterGroups}. */
    TRIAGE("triage", false),
    /** Lists the trash as {@link TrashBatch} rows. */
    TRASH("trash", false),
    /** Restores one trash batch, or all of them. */
    RESTORE_TRASH("restoreTrash", true),
    /** Starts a bulk job on the broker. */
    START_JOB("startJob", true),
    /** Lists the jobs as {@link JobInfo} rows. */
    JOBS("jobs", false),
    /** Pauses the job {@link Argument#JOB_ID}. */
    PAUSE_JOB("pauseJob", true),
    /** Resumes the job {@link Argument#JOB_ID}. */
    RESUME_JOB("resumeJob", true),
    /** Cancels the job {@link Argument#JOB_ID}. */
    CANCEL_JOB("cancelJob", true),
    /** Reads the metrics history as {@link HistoryPoint} rows. */
    HISTORY("history", false),
    /** The broker's version, uptime, memory, connections and journal as a {@link BrokerStatus}. */
    STATUS("status", false),
    /** Lists the XA branches the broker holds as {@link PreparedBranch} rows. */
    XA_BRANCHES("xaBranches", false),
    /** Commits the prepared XA branch {@link Argument#NAME} heuristically (its TM then hears XA_HEURCOM). */
    COMMIT_XA_BRANCH("commitXaBranch", true),
    /** Rolls back the prepared XA branch {@link Argument#NAME} heuristically (its TM then hears XA_HEURRB). */
    ROLLBACK_XA_BRANCH("rollbackXaBranch", true),
    /** Lists the routing rules and composite destinations as {@link RouteInfo} rows. */
    ROUTES("routes", false),
    /**
     * Creates or changes the routing rule {@link Argument#NAME}: {@link Argument#SOURCE}, {@link Argument#TARGETS},
     * optional {@link Argument#SELECTOR}, {@link Argument#MODE}, {@link Argument#TRANSFORMER} with its
     * {@link Argument#PARAMETERS}, {@link Argument#SCHEMA} (inline) and {@link Argument#INVALID}.
     */
    CREATE_ROUTE("createRoute", true),
    /** Deletes the routing rule {@link Argument#NAME}. */
    DELETE_ROUTE("deleteRoute", true),
    /** Lists the last-value queues with their key and the key values waiting, as {@link LastValueInfo} rows. */
    LAST_VALUES("lastValues", false),
    /** Lists the JMS bridges with their metrics as {@link BridgeInfo} rows. */
    BRIDGES("bridges", false),
    /**
     * Creates and starts the JMS bridge {@link Argument#NAME} from {@link Argument#OPTIONS}: its options in
     * properties form, without the {@code aeolus.bridge.<name>.} prefix ({@code source.destination=queue:orders}).
     */
    CREATE_BRIDGE("createBridge", true),
    /** Stops and removes the JMS bridge {@link Argument#NAME}; its unforwarded messages stay at its source. */
    DELETE_BRIDGE("deleteBridge", true),
    /** Pauses the JMS bridge {@link Argument#NAME}: it disconnects from both sides. */
    PAUSE_BRIDGE("pauseBridge", true),
    /** Resumes the JMS bridge {@link Argument#NAME}. */
    RESUME_BRIDGE("resumeBridge", true),
    /** Lists the topics and queues with retention as {@link RetentionInfo} rows. */
    RETENTION("retention", false),
    /**
     * Replays the messages the topic {@link Argument#NAME} retains that were published from {@link Argument#FROM}
     * (inclusive) to {@link Argument#TO} (exclusive; now if absent) into the queue {@link Argument#TARGET}; answers
     * the {@link ReplayInfo} of the replay, which goes on on the broker's timer.
     */
    REPLAY("replay", true),
    /** Lists the replays running and the last finished ones as {@link ReplayInfo} rows. */
    REPLAYS("replays", false),
    /**
     * A page of the messages the topic or queue {@link Argument#NAME} retains, oldest first, read without taking any:
     * from the first retained at or after {@link Argument#FROM} (the oldest if absent), or after the cursor
     * {@link Argument#AFTER} (the {@code next} of the page before); at most {@link Argument#LIMIT} rows (20). Rows as
     * a browse's, with {@code retainedMs} and {@code sequence}; the reply also has the destination's retention
     * summary as a {@link RetentionInfo} under the prefix {@code retention.} and {@code next} (-1 at the end).
     */
    RETAINED("retained", false),
    /** Lists the broker's users and their roles as {@link UserInfo} rows (users file only). */
    USERS("users", false),
    /** Adds the user {@link Argument#NAME} with {@link Argument#PASSWORD} and {@link Argument#ROLES}. */
    ADD_USER("addUser", true),
    /** Sets the password of the user {@link Argument#NAME} to {@link Argument#PASSWORD}. */
    CHANGE_PASSWORD("changePassword", true),
    /** Replaces the roles of the user {@link Argument#NAME} with the comma-separated {@link Argument#ROLES}. */
    SET_USER_ROLES("setUserRoles", true),
    /** Removes the user {@link Argument#NAME}. */
    REMOVE_USER("removeUser", true),
    /**
     * The broker group: the members with their role, term, log position and lag behind the leader, as a
     * {@link GroupStatus}; a single broker refuses it.
     */
    GROUP("group", false);

    private static final Map<String, Operation> BY_WIRE_NAME = new HashMap<>();

    static
    {
        for (final Operation operation : values())
        {
            BY_WIRE_NAME.put(operation.wireName, operation);
        }
    }

    private final String wireName;
    private final boolean changesState;

    Operation(final String wireName, final boolean changesState)
    {
        this.wireName = wireName;
        this.changesState = changesState;
    }

    /**
     * @return the operation's name in a request.
     */
    public String wireName()
    {
        return wireName;
    }

    /**
     * @return true if the operation may change the broker's state (and so is audited).
     */
    public boolean changesState()
    {
        return changesState;
    }

    /**
     * @param wireName an operation's name in a request.
     * @return the operation, null if there is none of that name.
     */
    public static Operation ofWireName(final String wireName)
    {
        return null == wireName ? null : BY_WIRE_NAME.get(wireName);
    }
}
