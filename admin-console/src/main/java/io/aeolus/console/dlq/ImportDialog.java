package io.aeolus.console.dlq;

import io.aeolus.console.controls.NameSearch;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.MessageFormat;
import java.util.Optional;
import java.util.ResourceBundle;

import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;

/**
 * Asks which exported message file to import and into which queue (the shown dead-letter queue unless another name
 * is typed): a path field with "Browse…", the queue with name suggestions, and a line naming what is wrong (no such
 * file, no queue) that keeps the dialog open. Ids: {@code importFile}, {@code importBrowse}, {@code importQueue},
 * {@code importError}, {@code importOk}, {@code importCancel}. FX thread only; blocks in a nested event loop.
 */
final class ImportDialog
{
    /**
     * The choice made.
     *
     * @param file  an existing, readable file.
     * @param queue the queue to import into, stripped and not empty.
     */
    record Choice(Path file, String queue)
    {
    }

    private ImportDialog()
    {
    }

    /**
     * Shows the dialog and waits for the answer.
     *
     * @param owner  a node of the window the dialog belongs to.
     * @param bundle UI text.
     * @param queue  the queue proposed.
     * @param names  known queue names, for suggestions.
     * @return the choice, empty when cancelled.
     */
    static Optional<Choice> ask(
        final Node owner, final ResourceBundle bundle, final String queue, final ObservableList<String> names)
    {
        final Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(bundle.getString("dlq.import.title"));
        dialog.setHeaderText(bundle.getString("dlq.import.header"));
        dialog.initOwner(null == owner.getScene() ? null : owner.getScene().getWindow());
        dialog.getDialogPane().setId("importDialog");
        if (null != owner.getScene())
        {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }

        final TextField file = new TextField();
        file.setId("importFile");
        file.setPrefColumnCount(36);
        file.setPromptText(bundle.getString("dlq.import.file.prompt"));
        final HBox fileRow = new HBox(6, file, browseButton(bundle, dialog, file));
        HBox.setHgrow(file, Priority.ALWAYS);
        final ComboBox<String> target = new ComboBox<>(names);
        target.setId("importQueue");
        target.setEditable(true);
        target.setMaxWidth(Double.MAX_VALUE);
        target.getEditor().setText(null == queue ? "" : queue);
        NameSearch.bind(target.getEditor(), names);
        final Label error = new Label();
        error.setId("importError");
        error.getStyleClass().add("import-error");
        error.setWrapText(true);
        error.setMaxWidth(520);

        final GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label(bundle.getString("dlq.import.file")), fileRow);
        grid.addRow(1, new Label(bundle.getString("dlq.import.queue")), target);
        grid.add(error, 0, 2, 2, 1);
        GridPane.setHgrow(fileRow, Priority.ALWAYS);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        final Button ok = (Button)dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("importOk");
        ok.setText(bundle.getString("dlq.import.ok"));
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("importCancel");
        ok.disableProperty().bind(Bindings.createBooleanBinding(
            () -> file.getText().isBlank() || target.getEditor().getText().isBlank(),
            file.textProperty(), target.getEditor().textProperty()));
        final Choice[] choice = new Choice[1];
        ok.addEventFilter(ActionEvent.ACTION, (event) ->
        {
            final String problem = problem(bundle, file.getText().strip());
            if (null != problem)
            {
                error.setText(problem);
                event.consume(); // keep the dialog open, naming what is wrong
                return;
            }
            choice[0] = new Choice(Paths.get(file.getText().strip()), target.getEditor().getText().strip());
        });
        return dialog.showAndWait().filter((button) -> button == ButtonType.OK && null != choice[0])
            .map((button) -> choice[0]);
    }

    private static Button browseButton(final ResourceBundle bundle, final Dialog<?> dialog, final TextField file)
    {
        final Button browse = new Button(bundle.getString("dlq.import.browse"));
        browse.setId("importBrowse");
        browse.setOnAction((event) ->
        {
            final FileChooser chooser = new FileChooser();
            chooser.setTitle(bundle.getString("dlq.import.title"));
            final File chosen = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (null != chosen)
            {
                file.setText(chosen.getPath());
            }
        });
        return browse;
    }

    /**
     * What keeps a path from being imported, or null if it can be read.
     */
    static String problem(final ResourceBundle bundle, final String path)
    {
        final Path file;
        try
        {
            file = Paths.get(path);
        }
        catch (final java.nio.file.InvalidPathException ex)
        {
            return MessageFormat.format(bundle.getString("dlq.import.badPath"), path, ex.getReason());
        }
        if (!Files.isRegularFile(file))
        {
            return MessageFormat.format(bundle.getString("dlq.import.noFile"), path);
        }
        if (!Files.isReadable(file))
        {
            return MessageFormat.format(bundle.getString("dlq.import.unreadable"), path);
        }
        return null;
    }
}
