package io.aeolus.console.send;

import io.aeolus.console.backend.BodyType;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.confirm.ConfirmDialog;
import io.aeolus.console.controls.NameSearch;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.BiFunction;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Callback;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * The Send message dialog, code-built and bound to a {@link SendMessageViewModel}. Each text field has a
 * ControlsFX validator that asks the view model, so a bad value is marked on its field with the problem as tooltip
 * (ControlsFX marks fields once the user has edited the form), and every problem is listed under the form. Send
 * stays disabled until the form is valid; the dialog stays open while the message is sent and closes when it was.
 * FX thread only.
 */
public final class SendMessageDialog
{
    /** Room for about five problems under the form, so the dialog does not jump as problems come and go. */
    private static final double PROBLEMS_HEIGHT = 84;

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final SendMessageViewModel viewModel;
    private final ResourceBundle bundle;
    private final ValidationSupport validation = new ValidationSupport();
    private final VBox propertyRows = new VBox();
    private final Map<PropertyRow, Node> rowNodes = new HashMap<>();
    // The form outlives the dialog: what this dialog hooks onto it is unhooked when the dialog closes.
    private final List<Runnable> unhooks = new ArrayList<>();
    // Held here: a bidirectional binding keeps only a weak reference to the asObject() adapter.
    private final ObjectProperty<Boolean> persistent;
    private int nextRowId;

    /**
     * Builds the dialog.
     *
     * @param viewModel the form state.
     * @param bundle    UI text.
     * @param owner     owning window, or null.
     */
    public SendMessageDialog(final SendMessageViewModel viewModel, final ResourceBundle bundle, final Window owner)
    {
        this.viewModel = viewModel;
        this.bundle = bundle;
        this.persistent = viewModel.persistentProperty().asObject();
        final ButtonType send = new ButtonType(bundle.getString("send.send"), ButtonBar.ButtonData.OK_DONE);
        dialog.setTitle(bundle.getString("send.title"));
        dialog.setHeaderText(bundle.getString("send.header"));
        dialog.initOwner(owner);
        dialog.setResizable(true);
        dialog.getDialogPane().setId("sendDialog");
        dialog.getDialogPane().getButtonTypes().setAll(send, ButtonType.CANCEL);
        if (null != owner && null != owner.getScene())
        {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.getDialogPane().setContent(form());

        final Button sendButton = (Button)dialog.getDialogPane().lookupButton(send);
        sendButton.setId("sendOk");
        sendButton.disableProperty().bind(viewModel.validProperty().not().or(viewModel.busyProperty()));
        sendButton.addEventFilter(ActionEvent.ACTION, (event) ->
        {
            event.consume(); // the dialog closes once the broker took the message, not on the click
            if (!viewModel.createsDestination() || confirmCreate(sendButton))
            {
                viewModel.send();
            }
        });
        final ChangeListener<Number> closeWhenSent = (observable, oldValue, newValue) ->
        {
            dialog.setResult(send);
            dialog.close();
        };
        hook(viewModel.sentCountProperty(), closeWhenSent);
        dialog.setOnHidden((event) -> unhooks.forEach(Runnable::run));
    }

    /**
     * Shows the dialog and waits until the message was sent or the user cancelled (a nested event loop).
     */
    public void showAndWait()
    {
        dialog.showAndWait();
    }

    private boolean confirmCreate(final Node owner)
    {
        final String type = bundle.getString("destinations.type." +
            viewModel.destinationTypeProperty().get().name().toLowerCase(Locale.ROOT));
        final String name = viewModel.destinationProperty().get().strip();
        return ConfirmDialog.ask(owner, "createConfirm", bundle.getString("send.create.title"),
            MessageFormat.format(bundle.getString("send.create.header"), type, name),
            MessageFormat.format(bundle.getString("send.create.text"), type, name));
    }

    private VBox form()
    {
        final GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        final TextField destination = text("sendDestination", viewModel.destinationProperty(),
            (control, value) -> viewModel.destinationProblem(value));
        destination.setPromptText(bundle.getString("send.destination.prompt"));
        final AutoCompletionBinding<String> search = NameSearch.bind(destination, viewModel.knownNames());
        unhooks.add(search::dispose);
        final ComboBox<DestinationType> destinationType = choice("sendDestinationType",
            DestinationType.values(), "destinations.type.");
        destinationType.valueProperty().bindBidirectional(viewModel.destinationTypeProperty());
        grid.add(label("send.destination"), 0, 0);
        grid.add(destination, 1, 0, 2, 1);
        grid.add(destinationType, 3, 0);

        final ComboBox<BodyType> bodyType = choice("sendBodyType",
            new BodyType[]{BodyType.TEXT, BodyType.BYTES, BodyType.MAP}, "send.bodyType.");
        bodyType.valueProperty().bindBidirectional(viewModel.bodyTypeProperty());
        grid.addRow(1, label("send.type"), bodyType);

        final TextArea body = new TextArea();
        body.setId("sendBody");
        body.setPrefRowCount(6);
        body.setWrapText(true);
        body.getStyleClass().add("message-body");
        body.textProperty().bindBidirectional(viewModel.bodyProperty());
        body.promptTextProperty().bind(Bindings.createStringBinding(() -> bundle.getString(
            "send.body.prompt." + viewModel.bodyTypeProperty().get().name().toLowerCase(Locale.ROOT)),
            viewModel.bodyTypeProperty()));
        register(body, (control, value) -> viewModel.bodyProblem(value));
        hook(viewModel.bodyTypeProperty(), (observable, oldValue, newValue) -> validation.revalidate(body));
        grid.add(label("send.body"), 0, 2);
        grid.add(body, 1, 2, 3, 1);
        GridPane.setHgrow(body, Priority.ALWAYS);

        grid.addRow(3, label("send.jmsType"), plain("sendJmsType", viewModel.jmsTypeProperty()),
            label("send.correlationId"), plain("sendCorrelationId", viewModel.correlationIdProperty()));
        addDeliveryRows(grid);
        grid.add(label("send.properties"), 0, 6);
        grid.add(propertiesBox(), 1, 6, 3, 1);

        final Label problems = new Label();
        problems.setId("sendProblems");
        problems.getStyleClass().add("form-problems");
        problems.setWrapText(true);
        problems.setMinHeight(PROBLEMS_HEIGHT);
        problems.setAlignment(Pos.TOP_LEFT);
        problems.textProperty().bind(Bindings.createStringBinding(
            () -> String.join("\n", viewModel.problems()), viewModel.problems()));
        final Label failure = new Label();
        failure.setId("sendFailure");
        failure.getStyleClass().add("form-problems");
        failure.setWrapText(true);
        failure.textProperty().bind(viewModel.failureProperty());
        final VBox content = new VBox(grid, problems, failure);
        content.getStyleClass().add("send-form");
        content.setPrefWidth(720);
        return content;
    }

    private void addDeliveryRows(final GridPane grid)
    {
        final ComboBox<Boolean> mode = new ComboBox<>();
        mode.setId("sendDeliveryMode");
        mode.getItems().setAll(Boolean.TRUE, Boolean.FALSE);
        mode.setButtonCell(modeCell());
        mode.setCellFactory((list) -> modeCell());
        mode.setMinWidth(Region.USE_PREF_SIZE);
        mode.valueProperty().bindBidirectional(persistent);
        final TextField priority = text("sendPriority", viewModel.priorityProperty(),
            (control, value) -> viewModel.priorityProblem(value));
        final TextField timeToLive = text("sendTimeToLive", viewModel.timeToLiveProperty(),
            (control, value) -> viewModel.timeToLiveProblem(value));
        final TextField delay = text("sendDeliveryDelay", viewModel.deliveryDelayProperty(),
            (control, value) -> viewModel.deliveryDelayProblem(value));
        grid.addRow(4, label("send.delivery"), mode, label("send.priority"), priority);
        grid.addRow(5, label("send.timeToLive"), timeToLive, label("send.deliveryDelay"), delay);
    }

    private VBox propertiesBox()
    {
        propertyRows.getStyleClass().add("form-rows");
        for (final PropertyRow row : viewModel.properties())
        {
            addRowNode(row);
        }
        final ListChangeListener<PropertyRow> rowsChanged = (change) ->
        {
            while (change.next())
            {
                if (change.wasPermutated() || change.wasUpdated())
                {
                    continue;
                }
                change.getRemoved().forEach(this::removeRowNode);
                change.getAddedSubList().forEach(this::addRowNode);
            }
        };
        viewModel.properties().addListener(rowsChanged);
        unhooks.add(() -> viewModel.properties().removeListener(rowsChanged));
        final Button add = new Button(bundle.getString("send.addProperty"));
        add.setId("sendAddProperty");
        add.setOnAction((event) -> viewModel.addProperty());
        return new VBox(propertyRows, add);
    }

    private void addRowNode(final PropertyRow row)
    {
        final int index = nextRowId++;
        final TextField name = text("propertyName" + index, row.nameProperty(),
            (control, value) -> viewModel.propertyNameProblem(row, value));
        name.setPromptText(bundle.getString("send.property.name"));
        final ComboBox<PropertyType> type = choice("propertyType" + index, PropertyType.values(), "send.propertyType.");
        type.valueProperty().bindBidirectional(row.typeProperty());
        final TextField value = text("propertyValue" + index, row.valueProperty(),
            (control, text) -> viewModel.propertyValueProblem(row, text));
        value.setPromptText(bundle.getString("send.property.value"));
        // The value's validity depends on the type and (for JMSX) the name; other rows' names depend on this one.
        type.valueProperty().addListener((observable, oldValue, newValue) -> validation.revalidate(value));
        hook(row.nameProperty(), (observable, oldValue, newValue) -> validation.revalidate());
        final Button remove = new Button(bundle.getString("send.removeProperty"));
        remove.setId("propertyRemove" + index);
        remove.setOnAction((event) -> viewModel.removeProperty(row));
        HBox.setHgrow(value, Priority.ALWAYS);
        final HBox line = new HBox(name, type, value, remove);
        line.getStyleClass().add("form-row");
        line.setUserData(new Control[]{name, value});
        rowNodes.put(row, line);
        propertyRows.getChildren().add(line);
    }

    private void removeRowNode(final PropertyRow row)
    {
        final Node line = rowNodes.remove(row);
        if (null != line)
        {
            propertyRows.getChildren().remove(line);
            // ValidationSupport cannot forget a control; revalidating it now (the row is gone, so no problem)
            // clears its error, and the rest are revalidated for duplicate names.
            for (final Control control : (Control[])line.getUserData())
            {
                validation.revalidate(control);
            }
            validation.revalidate();
        }
    }

    private <T> void hook(final ObservableValue<T> property, final ChangeListener<? super T> listener)
    {
        property.addListener(listener);
        unhooks.add(() -> property.removeListener(listener));
    }

    private TextField text(
        final String id, final StringProperty property,
        final BiFunction<Control, String, String> problem)
    {
        final TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        register(field, problem);
        return field;
    }

    private TextField plain(final String id, final StringProperty property)
    {
        final TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private void register(final TextInputControl control, final BiFunction<Control, String, String> problem)
    {
        final Validator<String> validator = (target, value) ->
        {
            final String text = problem.apply(target, value);
            return ValidationResult.fromErrorIf(target, null == text ? "" : text, null != text);
        };
        validation.registerValidator(control, false, validator);
    }

    private <T extends Enum<T>> ComboBox<T> choice(final String id, final T[] values, final String keyPrefix)
    {
        final ComboBox<T> combo = new ComboBox<>();
        combo.setId(id);
        combo.setMinWidth(Region.USE_PREF_SIZE);
        combo.getItems().setAll(values);
        final Callback<ListView<T>, ListCell<T>> cells = (list) -> enumCell(keyPrefix);
        combo.setCellFactory(cells);
        combo.setButtonCell(enumCell(keyPrefix));
        return combo;
    }

    private <T extends Enum<T>> ListCell<T> enumCell(final String keyPrefix)
    {
        return new ListCell<>()
        {
            @Override
            protected void updateItem(final T item, final boolean empty)
            {
                super.updateItem(item, empty);
                setText(empty || null == item ? "" :
                    bundle.getString(keyPrefix + item.name().toLowerCase(Locale.ROOT)));
            }
        };
    }

    private ListCell<Boolean> modeCell()
    {
        return new ListCell<>()
        {
            @Override
            protected void updateItem(final Boolean item, final boolean empty)
            {
                super.updateItem(item, empty);
                setText(empty || null == item ? "" :
                    bundle.getString(item ? "send.persistent" : "send.nonPersistent"));
            }
        };
    }

    private Label label(final String key)
    {
        final Label label = new Label(bundle.getString(key));
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
