package io.aeolus.console.routing;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ListTabViewModel;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.management.LastValueInfo;
import io.aeolus.management.RetentionInfo;
import io.aeolus.management.RouteInfo;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * State of the Routing tab: the broker's routing rules, in name order, a new rule made at run time, and the deletion
 * of a run-time rule (a declared one lives in the broker's configuration and cannot be deleted from here). Reloaded
 * on demand (the tab reloads when it is shown) and after each change. FX thread only.
 */
public final class RoutingViewModel extends ListTabViewModel<RoutingViewModel.Loaded>
{
    /** The mode sending a matching message to its source as well as to the targets. */
    public static final String COPY = "copy";
    /** The mode sending a matching message only to the targets. */
    public static final String EXCLUSIVE = "exclusive";
    /** An invalid message is refused at send. */
    public static final String REFUSE = "refuse";
    /** An invalid message goes to the dead-letter queue. */
    public static final String DEAD_LETTER = "dead-letter";

    private final ObservableList<RouteInfo> routes = FXCollections.observableArrayList();
    private final ObservableList<LastValueInfo> lastValues = FXCollections.observableArrayList();
    private final ObservableList<RetentionInfo> retention = FXCollections.observableArrayList();

    /**
     * Creates the view model.
     *
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier tells of outcomes and failures.
     * @param bundle   UI text.
     */
    public RoutingViewModel(final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier,
        final ResourceBundle bundle)
    {
        super(backend, runner, notifier, bundle, "routing");
    }

    /**
     * What is wrong with a new rule's form before the broker is asked; the broker checks the rest (a loop, a bad
     * selector, a wildcard in a target) and its reason is shown as it gives it.
     *
     * @param name    the rule's name.
     * @param source  the source.
     * @param targets the targets.
     * @return the problem, or empty when the form can be sent.
     */
    public String validate(final String name, final String source, final String targets)
    {
        if (blank(name))
        {
            return bundle.getString("routing.needName");
        }
        if (name.strip().contains(" ") || name.contains(","))
        {
            return bundle.getString("routing.badName");
        }
        if (blank(source))
        {
            return bundle.getString("routing.needSource");
        }
        if (blank(targets))
        {
            return bundle.getString("routing.needTargets");
        }
        return "";
    }

    /**
     * Creates a rule in the background. On success the rule list is reloaded and {@code onDone} gets an empty text;
     * on a refusal {@code onDone} gets the broker's reason (for the dialog to show without closing) and nothing else
     * changes.
     *
     * @param name     the rule's name.
     * @param source   {@code queue:<name>} or {@code topic:<name>}.
     * @param selector a JMS selector, empty for all.
     * @param targets  comma-separated destinations.
     * @param mode     {@link #COPY} or {@link #EXCLUSIVE}.
     * @param onDone   gets empty on success, else the reason.
     */
    public void create(final String name, final String source, final String selector, final String targets,
        final String mode, final Consumer<String> onDone)
    {
        create(name, source, selector, targets, mode, "", "", "", "", onDone);
    }

    /**
     * Creates a rule that may transform and validate the messages it takes, in the background; as the form without
     * them otherwise. The broker checks the transformer, its parameters and the schema, and its refusal names the
     * problem (an unknown transformer, an invalid schema).
     *
     * @param name        the rule's name.
     * @param source      {@code queue:<name>} or {@code topic:<name>}.
     * @param selector    a JMS selector, empty for all.
     * @param targets     comma-separated destinations.
     * @param mode        {@link #COPY} or {@link #EXCLUSIVE}.
     * @param transformer a transformer's name, empty for none.
     * @param parameters  its parameters, {@code name=value} a line, empty for none.
     * @param schema      a JSON Schema (its text), empty for none.
     * @param invalid     {@link #REFUSE} or {@link #DEAD_LETTER}; empty for refuse.
     * @param onDone      gets empty on success, else the reason.
     */
    public void create(final String name, final String source, final String selector, final String targets,
        final String mode, final String transformer, final String parameters, final String schema,
        final String invalid, final Consumer<String> onDone)
    {
        String problem = validate(name, source, targets);
        final Map<String, String> parsed = new LinkedHashMap<>();
        if (problem.isEmpty())
        {
            problem = parseParameters(parameters, parsed);
        }
        if (problem.isEmpty() && !parsed.isEmpty() && blank(transformer))
        {
            problem = bundle.getString("routing.parametersWithoutTransformer");
        }
        if (!problem.isEmpty())
        {
            onDone.accept(problem);
            return;
        }
        final String rule = name.strip();
        runner.run((sink) ->
        {
            final String selected = null == selector ? "" : selector.strip();
            if (blank(transformer) && parsed.isEmpty() && blank(schema))
            {
                backend.actions().createRoute(rule, source.strip(), selected, targets.strip(),
                    null == mode ? COPY : mode);
            }
            else
            {
                backend.actions().createRoute(rule, source.strip(), selected, targets.strip(),
                    null == mode ? COPY : mode, stripped(transformer), parsed, stripped(schema), stripped(invalid));
            }
            return rule;
        }, (done) ->
        {
            succeeded(bundle.getString("routing.createdTitle"), text("routing.created", rule));
            onDone.accept("");
            reload();
        }, (failure) -> onDone.accept(notifier.describe(failure)));
    }

    /**
     * @param route a row.
     * @return what the rule does to the messages it takes, in one line; empty for nothing.
     */
    public String transform(final RouteInfo route)
    {
        return route.transformText();
    }

    private String parseParameters(final String text, final Map<String, String> parameters)
    {
        if (null == text)
        {
            return "";
        }
        for (final String line : text.split("\\R"))
        {
            if (line.isBlank())
            {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals <= 0 || line.substring(0, equals).isBlank())
            {
                return text("routing.badParameter", line.strip());
            }
            parameters.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return "";
    }

    private static String stripped(final String text)
    {
        return null == text ? "" : text.strip();
    }

    /**
     * Whether a rule can be deleted from here: only one made at run time.
     *
     * @param route a row, may be null.
     * @return true when Delete applies.
     */
    public boolean canDelete(final RouteInfo route)
    {
        return null != route && !route.declared();
    }

    /**
     * Why Delete does not apply to a row.
     *
     * @param route a row, may be null.
     * @return the reason, or the button's usual hint when it applies.
     */
    public String deleteHint(final RouteInfo route)
    {
        if (null == route)
        {
            return bundle.getString("routing.deleteNone");
        }
        return text(route.declared() ? "routing.deleteDeclared" : "routing.deleteHint", route.name());
    }

    /**
     * What the confirmation of a deletion says.
     *
     * @param route the row.
     * @return the text.
     */
    public String confirmation(final RouteInfo route)
    {
        return text("routing.confirmDelete", route.name(), route.source(), route.targets());
    }

    /**
     * Deletes a run-time rule in the background; call after the user confirmed. Tells of the outcome or the broker's
     * error, then reloads either way.
     *
     * @param route the row.
     */
    public void delete(final RouteInfo route)
    {
        if (!canDelete(route) || busy())
        {
            return;
        }
        final String name = route.name();
        act((sink) ->
        {
            backend.actions().deleteRoute(name);
            return name;
        }, () -> routes.remove(route), bundle.getString("routing.deletedTitle"), text("routing.deleted", name),
            text("routing.deleteFailed", name));
    }

    /**
     * How a rule's origin is shown.
     *
     * @param route a row.
     * @return "declared" or "run time".
     */
    public String origin(final RouteInfo route)
    {
        return bundle.getString(route.declared() ? "routing.declared" : "routing.runtime");
    }

    /**
     * The last-value queues with their keys, in name order.
     *
     * @return the live list.
     */
    public ObservableList<LastValueInfo> lastValues()
    {
        return lastValues;
    }

    /**
     * The topics with retention: their window, what they retain and what they dropped, in name order.
     *
     * @return the live list.
     */
    public ObservableList<RetentionInfo> retention()
    {
        return retention;
    }

    /**
     * The rules, in the broker's order.
     *
     * @return the live list.
     */
    public ObservableList<RouteInfo> routes()
    {
        return routes;
    }

    private static boolean blank(final String text)
    {
        return null == text || text.isBlank();
    }

    @Override
    protected Loaded load() throws Exception
    {
        return new Loaded(backend.actions().routes(), backend.actions().lastValueQueues(),
            backend.actions().retention());
    }

    @Override
    protected String show(final Loaded loaded)
    {
        routes.setAll(loaded.routes());
        lastValues.setAll(loaded.lastValues());
        retention.setAll(loaded.retention());
        return countText(loaded.routes(), RouteInfo::declared);
    }

    @Override
    protected void forget()
    {
        routes.clear();
        lastValues.clear();
        retention.clear();
    }

    /**
     * What one reload brought: the rules, the last-value queues and the topics with retention.
     *
     * @param routes     the rules.
     * @param lastValues the last-value queues.
     * @param retention  the topics with retention.
     */
    record Loaded(List<RouteInfo> routes, List<LastValueInfo> lastValues, List<RetentionInfo> retention)
    {
    }
}
