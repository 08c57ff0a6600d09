package io.aeolus.broker.management;

import io.aeolus.management.Argument;
import io.aeolus.management.LastValueInfo;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.RouteInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The management operations on routing rules: list them, create or change one, delete one; and the list of
 * last-value queues with their keys. For whoever may use the
 * management queue (the {@code admin} role). A bad rule is refused with {@link ManagementException#INVALID_ARGUMENT}
 * naming the problem (malformed part, unknown mode, invalid selector, a wildcard in a target, a loop, an unknown
 * transformer or a bad parameter of one, an invalid or non-inline JSON Schema); a rule the
 * config file declares, or one that does not exist, with {@link ManagementException#ILLEGAL_STATE}. Conductor thread.
 */
final class RouteManagement
{
    private static final Set<String> CREATE_ARGUMENTS =
        Set.of(Argument.NAME, Argument.SOURCE, Argument.SELECTOR, Argument.TARGETS, Argument.MODE,
            Argument.TRANSFORMER, Argument.PARAMETERS, Argument.SCHEMA, Argument.INVALID);
    private static final Set<String> NAME_ARGUMENT = Set.of(Argument.NAME);

    private RouteManagement()
    {
    }

    static Map<String, Object> execute(final ManagedBroker broker, final Operation op,
        final Map<String, Object> arguments)
    {
        if (Operation.ROUTES == op)
        {
            Arguments.requireKnown(arguments, Set.of());
            return Reply.putRows(new LinkedHashMap<>(), broker.routes(), RouteInfo::write);
        }
        if (Operation.LAST_VALUES == op)
        {
            Arguments.requireKnown(arguments, Set.of());
            return Reply.putRows(new LinkedHashMap<>(), broker.lastValueQueues(), LastValueInfo::write);
        }
        if (Operation.CREATE_ROUTE == op)
        {
            Arguments.requireKnown(arguments, CREATE_ARGUMENTS);
            final String problem = broker.putRoute(Arguments.string(arguments, Argument.NAME),
                Arguments.string(arguments, Argument.SOURCE), Arguments.optionalString(arguments, Argument.SELECTOR),
                Arguments.string(arguments, Argument.TARGETS), Arguments.optionalString(arguments, Argument.MODE),
                Arguments.optionalString(arguments, Argument.TRANSFORMER),
                Arguments.optionalString(arguments, Argument.PARAMETERS),
                Arguments.optionalString(arguments, Argument.SCHEMA),
                Arguments.optionalString(arguments, Argument.INVALID));
            if (null != problem)
            {
                throw new ManagementException(problem.contains("config file") ? ManagementException.ILLEGAL_STATE :
                    ManagementException.INVALID_ARGUMENT, problem);
            }
            return Map.of();
        }
        Arguments.requireKnown(arguments, NAME_ARGUMENT);
        final String problem = broker.deleteRoute(Arguments.string(arguments, Argument.NAME));
        if (null != problem)
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, problem);
        }
        return Map.of();
    }
}
