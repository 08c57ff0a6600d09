package io.aeolus.console.browser;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.confirm.ConfirmDialog;
import io.aeolus.console.controls.NameSearch;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Dialog;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;

/**
 * The message list's context menu and keys for per-message work on the selected messages: Delete… (Del), Move to…
 * (Ctrl+M), Copy to… (Ctrl+Shift+C), Resend to… (Ctrl+R). Delete asks for confirmation; the others ask for the
 * target in a dialog whose queue chooser searches the queue names (ids {@code targetDestination},
 * {@code targetIsTopic}, {@code targetOk}). FX thread only.
 */
final class MessageActionsMenu
{
    private enum Kind
    {
        MOVE, COPY, RESEND
    }

    private final TableView<BrowsedMessage> table;
    private final MessageActions actions;
    private final ObservableList<String> queueNames;
    private final ResourceBundle bundle;

    private MessageActionsMenu(final TableView<BrowsedMessage> table, final MessageActions actions,
        final ObservableList<String> queueNames, final ResourceBundle bundle)
    {
        this.table = table;
        this.actions = actions;
        this.queueNames = queueNames;
        this.bundle = bundle;
    }

    static void attach(final TableView<BrowsedMessage> table, final MessageActions actions,
        final ObservableList<String> queueNames, final ResourceBundle bundle)
    {
        final MessageActionsMenu menu = new MessageActionsMenu(table, actions, queueNames, bundle);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setContextMenu(menu.contextMenu());
        table.addEventHandler(KeyEvent.KEY_PRESSED, menu::onKey);
    }

    private ContextMenu contextMenu()
    {
        final MenuItem delete = item("deleteMessagesItem", "messages.delete", this::onDelete);
        final MenuItem move = item("moveMessagesItem", "messages.move", () -> onTarget(Kind.MOVE));
        final MenuItem copy = item("copyMessagesItem", "messages.copy", () -> onTarget(Kind.COPY));
        final MenuItem resend = item("resendMessagesItem", "messages.resend", () -> onTarget(Kind.RESEND));
        final ContextMenu menu = new ContextMenu(move, copy, resend, new SeparatorMenuItem(), delete);
        menu.setOnShowing((event) ->
        {
            final boolean none = selected().isEmpty();
            delete.setDisable(none);
            move.setDisable(none);
            copy.setDisable(none);
            resend.setDisable(none);
        });
        return menu;
    }

    private MenuItem item(final String id, final String key, final Runnable action)
    {
        final MenuItem item = new MenuItem(bundle.getString(key));
        item.setId(id);
        item.setOnAction((event) -> action.run());
        return item;
    }

    private void onKey(final KeyEvent event)
    {
        if (event.getCode() == KeyCode.DELETE && !event.isShortcutDown())
        {
            onDelete();
        }
        else if (event.getCode() == KeyCode.M && event.isShortcutDown())
        {
            onTarget(Kind.MOVE);
        }
        else if (event.getCode() == KeyCode.C && event.isShortcutDown() && event.isShiftDown())
        {
            onTarget(Kind.COPY);
        }
        else if (event.getCode() == KeyCode.R && event.isShortcutDown())
        {
            onTarget(Kind.RESEND);
        }
        else
        {
            return;
        }
        event.consume();
    }

    private List<BrowsedMessage> selected()
    {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    private void onDelete()
    {
        final List<BrowsedMessage> messages = selected();
        if (!messages.isEmpty() && ConfirmDialog.ask(table, "deleteMessagesConfirm",
            bundle.getString("messages.confirmTitle"),
            MessageFormat.format(bundle.getString("messages.confirmHeader"), messages.size()),
            MessageFormat.format(bundle.getString("messages.confirm"), messages.size(), actions.queue())))
        {
            actions.delete(messages);
        }
    }

    private void onTarget(final Kind kind)
    {
        final List<BrowsedMessage> messages = selected();
        if (messages.isEmpty())
        {
            return;
        }
        final Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(bundle.getString("messages.targetTitle"));
        dialog.setHeaderText(MessageFormat.format(bundle.getString("messages." + kind.name().toLowerCase(
            java.util.Locale.ROOT) + "Header"), messages.size(), actions.queue()));
        dialog.initOwner(null == table.getScene() ? null : table.getScene().getWindow());
        dialog.getDialogPane().setId("targetDialog");
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        final ComboBox<String> target = new ComboBox<>(queueNames.filtered((name) -> !name.equals(actions.queue())));
        target.setId("targetDestination");
        target.setEditable(true);
        target.setPromptText(bundle.getString("messages.target"));
        NameSearch.bind(target.getEditor(), queueNames);
        final CheckBox topic = new CheckBox(bundle.getString("messages.targetIsTopic"));
        topic.setId("targetIsTopic");
        topic.setVisible(kind == Kind.RESEND);
        topic.setManaged(kind == Kind.RESEND);
        dialog.getDialogPane().setContent(new VBox(8, target, topic));
        final Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("targetOk");
        ok.disableProperty().bind(target.getEditor().textProperty().isEmpty());
        if (null != table.getScene())
        {
            dialog.getDialogPane().getStylesheets().setAll(table.getScene().getStylesheets());
        }
        if (dialog.showAndWait().filter((button) -> button == ButtonType.OK).isEmpty())
        {
            return;
        }
        final String name = target.getEditor().getText();
        switch (kind)
        {
            case MOVE -> actions.transfer(messages, name, false);
            case COPY -> actions.transfer(messages, name, true);
            default -> actions.resend(messages, name, topic.isSelected());
        }
    }
}
