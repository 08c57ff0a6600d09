package io.aeolus.console.send;

import io.aeolus.console.backend.BodyType;
import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.OutgoingMessage;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * State and logic of the Send message dialog. Every field is text as typed; {@link #problems()} lists what is
 * wrong, each problem naming its field, and {@link #validProperty()} is true only when there is none.
 * {@link #send()} refuses to send an invalid form, so nothing reaches the broker until every field is valid. The
 * form keeps its values after a send, for sending again. FX thread only.
 */
public final class SendMessageViewModel
{
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final SendRules rules;
    private final StringProperty destination = new SimpleStringProperty(this, "destination", "");
    private final ObjectProperty<DestinationType> destinationType =
        new SimpleObjectProperty<>(this, "destinationType", DestinationType.QUEUE);
    private final ObjectProperty<BodyType> bodyType = new SimpleObjectProperty<>(this, "bodyType", BodyType.TEXT);
    private final StringProperty body = new SimpleStringProperty(this, "body", "");
    private final StringProperty jmsType = new SimpleStringProperty(this, "jmsType", "");
    private final StringProperty correlationId = new SimpleStringProperty(this, "correlationId", "");
    private final BooleanProperty persistent = new SimpleBooleanProperty(this, "persistent", true);
    private final StringProperty priority = new SimpleStringProperty(this, "priority", "4");
    private final StringProperty timeToLive = new SimpleStringProperty(this, "timeToLive", "0");
    private final StringProperty deliveryDelay = new SimpleStringProperty(this, "deliveryDelay", "0");
    private final ObservableList<PropertyRow> properties = FXCollections.observableArrayList((row) ->
        new Observable[]{row.nameProperty(), row.typeProperty(), row.valueProperty()});
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");
    private final ReadOnlyObjectWrapper<OutgoingMessage> lastSent = new ReadOnlyObjectWrapper<>(this, "lastSent");
    private final ReadOnlyIntegerWrapper sentCount = new ReadOnlyIntegerWrapper(this, "sentCount");
    private final ObservableList<String> knownNames = FXCollections.observableArrayList();
    private List<DestinationInfo> lastDestinations = List.of();

    /**
     * Creates the view model with an empty form.
     *
     * @param backend  the broker access.
     * @param runner   runs the send off the FX thread.
     * @param notifier tells of sent messages and failures.
     * @param bundle   UI text, the problems' sentences included.
     */
    public SendMessageViewModel(
        final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier, final ResourceBundle bundle)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        this.rules = new SendRules(bundle);
        for (final Observable field : new Observable[]{
            destination, bodyType, body, priority, timeToLive, deliveryDelay})
        {
            field.addListener((observable) -> revalidate());
        }
        properties.addListener((ListChangeListener<PropertyRow>)(change) -> revalidate());
        destinationType.addListener((observable) -> onDestinations(lastDestinations));
        revalidate();
    }

    /**
     * Updates the names offered for the destination from a destinations batch: the existing, non-temporary
     * destinations of the chosen type, in name order. FX thread.
     *
     * @param destinations statistics of every destination.
     */
    public void onDestinations(final List<DestinationInfo> destinations)
    {
        lastDestinations = destinations;
        final List<String> names = new ArrayList<>();
        for (final DestinationInfo info : destinations)
        {
            if (info.type() == destinationType.get() && !info.temporary())
            {
                names.add(info.name());
            }
        }
        names.sort(null);
        if (!names.equals(knownNames))
        {
            knownNames.setAll(names);
        }
    }

    /**
     * Existing destinations of the chosen type, in name order, for the destination field to offer.
     *
     * @return the live list.
     */
    public ObservableList<String> knownNames()
    {
        return knownNames;
    }

    /**
     * Whether sending would create the destination: no destination of the chosen type has the name typed, so the
     * dialog asks first (a typo must not silently create a queue).
     *
     * @return true when the name is not among {@link #knownNames()}.
     */
    public boolean createsDestination()
    {
        final String name = destination.get().strip();
        return !name.isEmpty() && !knownNames.contains(name);
    }

    /**
     * Adds an empty property row.
     *
     * @return the row.
     */
    public PropertyRow addProperty()
    {
        final PropertyRow row = new PropertyRow();
        properties.add(row);
        return row;
    }

    /**
     * Removes a property row.
     *
     * @param row the row.
     */
    public void removeProperty(final PropertyRow row)
    {
        properties.remove(row);
    }

    /**
     * Sends the message in the background when the form is valid; tells of the outcome as a notification, and
     * on success sets {@link #lastSentProperty()} and counts up {@link #sentCountProperty()} (the dialog closes on
     * it).
     *
     * @return true when the send started, false when the form is invalid or a send is running.
     */
    public boolean send()
    {
        revalidate();
        if (!valid.get() || busy.get())
        {
            return false;
        }
        final OutgoingMessage message = build();
        busy.set(true);
        failure.set("");
        runner.run((sink) ->
        {
            backend.sendMessage(message);
            return message;
        }, this::onSent, (problem) ->
        {
            busy.set(false);
            failure.set(notifier.describe(problem));
            notifier.error(MessageFormat.format(bundle.getString("send.failedTitle"), message.destination()), problem);
        });
        return true;
    }

    /**
     * The problem of the destination field.
     *
     * @param text the field's text.
     * @return null when valid, else the problem.
     */
    public String destinationProblem(final String text)
    {
        return rules.destination(text);
    }

    /**
     * The problem of the body field for the chosen message type.
     *
     * @param text the field's text.
     * @return null when valid, else the problem.
     */
    public String bodyProblem(final String text)
    {
        return rules.body(bodyType.get(), null == text ? "" : text);
    }

    /**
     * The problem of the priority field.
     *
     * @param text the field's text.
     * @return null when valid, else the problem.
     */
    public String priorityProblem(final String text)
    {
        return rules.priority(text);
    }

    /**
     * The problem of the time-to-live field.
     *
     * @param text the field's text.
     * @return null when valid, else the problem.
     */
    public String timeToLiveProblem(final String text)
    {
        return rules.millis("send.timeToLive", text);
    }

    /**
     * The problem of the delivery-delay field.
     *
     * @param text the field's text.
     * @return null when valid, else the problem.
     */
    public String deliveryDelayProblem(final String text)
    {
        return rules.millis("send.deliveryDelay", text);
    }

    /**
     * The problem of a property row's name, duplicates included; none once the row is removed.
     *
     * @param row  the row.
     * @param text the name field's text.
     * @return null when valid, else the problem.
     */
    public String propertyNameProblem(final PropertyRow row, final String text)
    {
        if (!properties.contains(row))
        {
            return null;
        }
        final String problem = rules.propertyName(text);
        if (null != problem)
        {
            return problem;
        }
        for (final PropertyRow other : properties)
        {
            if (other != row && text.equals(other.nameProperty().get()))
            {
                return rules.problem("send.error.propertyDuplicate", text);
            }
        }
        return null;
    }

    /**
     * The problem of a property row's value for its type; none once the row is removed.
     *
     * @param row  the row.
     * @param text the value field's text.
     * @return null when valid, else the problem.
     */
    public String propertyValueProblem(final PropertyRow row, final String text)
    {
        return properties.contains(row) ?
            rules.propertyValue(row.nameProperty().get(), row.typeProperty().get(), text) : null;
    }

    private void revalidate()
    {
        final List<String> found = new ArrayList<>();
        addIfProblem(found, destinationProblem(destination.get()));
        addIfProblem(found, bodyProblem(body.get()));
        addIfProblem(found, priorityProblem(priority.get()));
        addIfProblem(found, timeToLiveProblem(timeToLive.get()));
        addIfProblem(found, deliveryDelayProblem(deliveryDelay.get()));
        final Set<String> reported = new HashSet<>();
        for (final PropertyRow row : properties)
        {
            final String nameProblem = propertyNameProblem(row, row.nameProperty().get());
            if (null != nameProblem && reported.add(nameProblem))
            {
                found.add(nameProblem);
            }
            addIfProblem(found, propertyValueProblem(row, row.valueProperty().get()));
        }
        if (!found.equals(problems))
        {
            problems.setAll(found);
        }
        valid.set(found.isEmpty());
    }

    private static void addIfProblem(final List<String> found, final String problem)
    {
        if (null != problem)
        {
            found.add(problem);
        }
    }

    private OutgoingMessage build()
    {
        final BodyType type = bodyType.get();
        final String text = body.get();
        final Map<String, Object> typed = new LinkedHashMap<>();
        for (final PropertyRow row : properties)
        {
            typed.put(row.nameProperty().get(), row.typeProperty().get().parse(row.valueProperty().get()));
        }
        return new OutgoingMessage(destination.get().strip(), destinationType.get(), type,
            type == BodyType.TEXT ? text : "", type == BodyType.BYTES ? rules.hexBytes(text) : null,
            type == BodyType.MAP ? rules.mapEntries(text) : Map.of(), jmsType.get(), correlationId.get(), typed,
            persistent.get(), SendRules.wholeNumber(priority.get()).intValue(),
            SendRules.wholeNumber(timeToLive.get()), SendRules.wholeNumber(deliveryDelay.get()));
    }

    private void onSent(final OutgoingMessage message)
    {
        busy.set(false);
        failure.set("");
        lastSent.set(message);
        sentCount.set(sentCount.get() + 1);
        notifier.info(bundle.getString("send.sentTitle"), MessageFormat.format(bundle.getString("send.sent"),
            bundle.getString("send.bodyType." + message.bodyType().name().toLowerCase(Locale.ROOT)),
            bundle.getString("destinations.type." + message.destinationType().name().toLowerCase(Locale.ROOT)),
            message.destination()));
    }

    /**
     * Destination name.
     *
     * @return the property.
     */
    public StringProperty destinationProperty()
    {
        return destination;
    }

    /**
     * Queue or topic.
     *
     * @return the property.
     */
    public ObjectProperty<DestinationType> destinationTypeProperty()
    {
        return destinationType;
    }

    /**
     * Message type: text, bytes or map.
     *
     * @return the property.
     */
    public ObjectProperty<BodyType> bodyTypeProperty()
    {
        return bodyType;
    }

    /**
     * Body as typed: text, hex digits for bytes, or {@code name=value} lines for a map.
     *
     * @return the property.
     */
    public StringProperty bodyProperty()
    {
        return body;
    }

    /**
     * JMSType, empty for none.
     *
     * @return the property.
     */
    public StringProperty jmsTypeProperty()
    {
        return jmsType;
    }

    /**
     * JMSCorrelationID, empty for none.
     *
     * @return the property.
     */
    public StringProperty correlationIdProperty()
    {
        return correlationId;
    }

    /**
     * True for PERSISTENT delivery.
     *
     * @return the property.
     */
    public BooleanProperty persistentProperty()
    {
        return persistent;
    }

    /**
     * Priority as typed, 0 to 9.
     *
     * @return the property.
     */
    public StringProperty priorityProperty()
    {
        return priority;
    }

    /**
     * Time to live in milliseconds as typed, 0 for never.
     *
     * @return the property.
     */
    public StringProperty timeToLiveProperty()
    {
        return timeToLive;
    }

    /**
     * Delivery delay in milliseconds as typed, 0 for none.
     *
     * @return the property.
     */
    public StringProperty deliveryDelayProperty()
    {
        return deliveryDelay;
    }

    /**
     * The property rows.
     *
     * @return the live list.
     */
    public ObservableList<PropertyRow> properties()
    {
        return properties;
    }

    /**
     * What is wrong with the form, one sentence per problem naming its field; empty when valid.
     *
     * @return the live list.
     */
    public ObservableList<String> problems()
    {
        return problems;
    }

    /**
     * True when every field is valid.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty validProperty()
    {
        return valid.getReadOnlyProperty();
    }

    /**
     * True while a send runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * Why the last send failed, or empty.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty failureProperty()
    {
        return failure.getReadOnlyProperty();
    }

    /**
     * The last message sent successfully, null before the first.
     *
     * @return the property.
     */
    public ReadOnlyObjectProperty<OutgoingMessage> lastSentProperty()
    {
        return lastSent.getReadOnlyProperty();
    }

    /**
     * How many messages this form sent successfully; changes once per sent message.
     *
     * @return the property.
     */
    public ReadOnlyIntegerProperty sentCountProperty()
    {
        return sentCount.getReadOnlyProperty();
    }
}
