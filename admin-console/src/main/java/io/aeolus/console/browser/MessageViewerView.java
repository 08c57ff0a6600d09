package io.aeolus.console.browser;

import java.io.File;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.SegmentedButton;

/**
 * Code-built viewer of one message, bound to a {@link MessageViewerViewModel}: headers and properties side by side,
 * the body below with its format choice, "Load more" and "Save to file". The Message browser and the Dead letters tab
 * each have one; the second gets an id prefix so that node ids stay unique in the window. FX thread only.
 */
public final class MessageViewerView
{
    private final ResourceBundle bundle;
    private final String idPrefix;
    private final VBox root;

    /**
     * Builds the viewer.
     *
     * @param viewModel the shown message's state.
     * @param bundle    UI text.
     * @param idPrefix  put before every node id (whose first letter then becomes upper case), empty for plain ids.
     */
    public MessageViewerView(final MessageViewerViewModel viewModel, final ResourceBundle bundle, final String idPrefix)
    {
        this.bundle = bundle;
        this.idPrefix = idPrefix;
        root = build(viewModel);
    }

    /**
     * The root node to place in a view.
     *
     * @return the root.
     */
    public Node root()
    {
        return root;
    }

    private String id(final String plain)
    {
        return idPrefix.isEmpty() ? plain : idPrefix + Character.toUpperCase(plain.charAt(0)) + plain.substring(1);
    }

    private VBox build(final MessageViewerViewModel viewModel)
    {
        final TableView<Field> headers = fieldTable(id("browserHeaders"), viewModel, true);
        final TableView<Field> properties = fieldTable(id("browserProperties"), viewModel, false);
        final SplitPane fields = new SplitPane(headers, properties);
        fields.setOrientation(Orientation.HORIZONTAL);

        final Label note = new Label();
        note.setId(id("bodyNote"));
        note.getStyleClass().add("body-note");
        note.setWrapText(true);
        note.textProperty().bind(viewModel.noteProperty());
        final TextArea body = new TextArea();
        body.setId(id("messageBody"));
        body.setEditable(false);
        body.getStyleClass().add("message-body");
        // Chunks are appended one at a time, so the control never takes more than one chunk at once.
        viewModel.chunks().addListener((ListChangeListener<String>)(change) ->
        {
            while (change.next())
            {
                if (change.wasRemoved())
                {
                    body.clear();
                }
                for (final String chunk : change.getAddedSubList())
                {
                    body.appendText(chunk);
                }
            }
            if (change.getList().size() <= 1)
            {
                body.positionCaret(0);
                body.setScrollTop(0);
            }
        });
        VBox.setVgrow(body, Priority.ALWAYS);

        final VBox viewer = new VBox(fields, bodyToolbar(viewModel), note, body);
        viewer.getStyleClass().add("message-viewer");
        return viewer;
    }

    private HBox bodyToolbar(final MessageViewerViewModel viewModel)
    {
        final Map<BodyFormat, ToggleButton> toggles = new EnumMap<>(BodyFormat.class);
        for (final BodyFormat format : BodyFormat.values())
        {
            final ToggleButton toggle = new ToggleButton(
                bundle.getString("viewer.format." + format.name().toLowerCase(Locale.ROOT)));
            toggle.setId(id("format" + format.name()));
            toggle.setUserData(format);
            toggles.put(format, toggle);
        }
        final SegmentedButton formats = new SegmentedButton(toggles.values().toArray(new ToggleButton[0]));
        formats.setId(id("bodyFormat"));
        // The skin puts the buttons in the group later; a button selected now stays selected when it joins it.
        toggles.get(viewModel.formatProperty().get()).setSelected(true);
        formats.getToggleGroup().selectedToggleProperty().addListener((observable, oldToggle, newToggle) ->
        {
            if (null == newToggle)
            {
                formats.getToggleGroup().selectToggle(oldToggle); // a format is always chosen
                return;
            }
            viewModel.formatProperty().set((BodyFormat)newToggle.getUserData());
        });
        viewModel.formatProperty().addListener(
            (observable, oldValue, newValue) -> formats.getToggleGroup().selectToggle(toggles.get(newValue)));

        final Button loadMore = new Button(bundle.getString("viewer.loadMore"));
        loadMore.setId(id("loadMore"));
        loadMore.disableProperty().bind(viewModel.canLoadMoreProperty().not());
        loadMore.setOnAction((event) -> viewModel.loadMore());
        final Button save = new Button(bundle.getString("viewer.save"));
        save.setId(id("saveBody"));
        save.disableProperty().bind(viewModel.messageProperty().isNull());
        save.setOnAction((event) -> onSave(viewModel));
        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox toolbar = new HBox(new Label(bundle.getString("browser.body")), formats, spacer, loadMore, save);
        toolbar.getStyleClass().add("body-toolbar");
        return toolbar;
    }

    private void onSave(final MessageViewerViewModel viewModel)
    {
        final FileChooser chooser = new FileChooser();
        chooser.setTitle(bundle.getString("viewer.save.title"));
        chooser.setInitialFileName(viewModel.suggestedFileName());
        final File file = chooser.showSaveDialog(null == root.getScene() ? null : root.getScene().getWindow());
        if (null != file)
        {
            viewModel.save(file.toPath());
        }
    }

    private TableView<Field> fieldTable(
        final String id, final MessageViewerViewModel viewModel, final boolean isHeaders)
    {
        final TableView<Field> table = new TableView<>(isHeaders ? viewModel.headers() : viewModel.properties());
        table.setId(id);
        table.setPrefHeight(150);
        final TableColumn<Field, Object> name = new TableColumn<>(
            bundle.getString(isHeaders ? "browser.header" : "browser.property"));
        name.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(features.getValue().name()));
        final TableColumn<Field, Object> value = new TableColumn<>(bundle.getString("browser.value"));
        value.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(features.getValue().value()));
        table.getColumns().add(name);
        table.getColumns().add(value);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }
}
