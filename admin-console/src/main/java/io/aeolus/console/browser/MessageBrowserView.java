package io.aeolus.console.browser;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.controls.NameSearch;

import java.io.File;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.SegmentedButton;

/**
 * Code-built view and thin controller of the Message browser tab: a page of messages on the left and the
 * viewer (headers, properties, body) on the right, bound to a {@link MessageBrowserViewModel}. FX thread only.
 */
public final class MessageBrowserView
{
    private static final DateTimeFormatter TIME_FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private static final double SELECTOR_MIN_WIDTH = 240;
    private static final double STATUS_MAX_WIDTH = 320;

    private final BorderPane root = new BorderPane();
    private final ResourceBundle bundle;

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public MessageBrowserView(final MessageBrowserViewModel viewModel, final ResourceBundle bundle)
    {
        this(viewModel, null, bundle);
    }

    /**
     * Builds the view with per-message work on the selected messages (context menu and keys).
     *
     * @param viewModel the tab's state.
     * @param actions   the per-message work, null for none.
     * @param bundle    UI text.
     */
    public MessageBrowserView(
        final MessageBrowserViewModel viewModel, final MessageActions actions, final ResourceBundle bundle)
    {
        this.bundle = bundle;
        root.setTop(toolbar(viewModel));

        final TableView<BrowsedMessage> list = new TableView<>(viewModel.messages());
        list.setId("browserMessages");
        list.setPlaceholder(new Label(bundle.getString("browser.empty")));
        final TableColumn<BrowsedMessage, Object> id = column("browser.messageId", BrowsedMessage::messageId, 200);
        // Ids of one producer share a long prefix and differ at the end: cut the front, never the end.
        id.setCellFactory((column) -> leadingEllipsisCell());
        list.getColumns().add(id);
        list.getColumns().add(column("browser.time",
            (message) -> TIME_FORMAT.format(Instant.ofEpochMilli(message.timestampMs())), 180));
        list.getColumns().add(column("browser.type", MessageBrowserView::jmsType, 80));
        list.getColumns().add(column("browser.size", BrowsedMessage::bodySize, 90));
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        list.getSelectionModel().selectedItemProperty().addListener(
            (observable, oldValue, newValue) -> viewModel.selectedMessageProperty().set(newValue));
        viewModel.selectedMessageProperty().addListener((observable, oldValue, newValue) ->
        {
            if (list.getSelectionModel().getSelectedItem() != newValue)
            {
                list.getSelectionModel().select(newValue);
            }
        });

        if (null != actions)
        {
            MessageActionsMenu.attach(list, actions, viewModel.queueNames(), bundle);
        }

        final SplitPane split = new SplitPane(list, viewer(viewModel.viewer()));
        split.setDividerPositions(0.38);
        root.setCenter(split);
        root.getStyleClass().add("browser-view");
    }

    /**
     * The root node to place in a tab.
     *
     * @return the root.
     */
    public Node root()
    {
        return root;
    }

    private HBox toolbar(final MessageBrowserViewModel viewModel)
    {
        final ComboBox<String> queue = new ComboBox<>(viewModel.queueNames());
        queue.setId("browserQueue");
        queue.setEditable(true);
        queue.setPromptText(bundle.getString("browser.queue.prompt"));
        queue.valueProperty().bindBidirectional(viewModel.queueProperty());
        NameSearch.bind(queue.getEditor(), viewModel.queueNames());
        final TextField selector = new TextField();
        selector.setId("browserSelector");
        selector.setPromptText(bundle.getString("browser.selector.prompt"));
        selector.textProperty().bindBidirectional(viewModel.selectorProperty());
        HBox.setHgrow(selector, Priority.ALWAYS);
        selector.setMinWidth(SELECTOR_MIN_WIDTH);
        selector.setOnAction((event) -> viewModel.browse());

        final Button browse = new Button(bundle.getString("browser.browse"));
        browse.setId("browse");
        browse.setDefaultButton(true);
        browse.disableProperty().bind(viewModel.busyProperty());
        browse.setOnAction((event) -> viewModel.browse());
        final Button previous = new Button(bundle.getString("browser.previous"));
        previous.setId("previousPage");
        previous.disableProperty().bind(viewModel.busyProperty().or(viewModel.pageIndexProperty().isEqualTo(0)));
        previous.setOnAction((event) -> viewModel.previousPage());
        final Button next = new Button(bundle.getString("browser.next"));
        next.setId("nextPage");
        next.disableProperty().bind(viewModel.busyProperty().or(viewModel.hasNextPageProperty().not()));
        next.setOnAction((event) -> viewModel.nextPage());
        final Label status = new Label();
        status.setId("browserStatus");
        status.textProperty().bind(viewModel.statusProperty());
        // A long error (a bad selector) is cut in the toolbar and whole in the tooltip; it never squeezes the selector.
        status.setMinWidth(0);
        status.setMaxWidth(STATUS_MAX_WIDTH);
        final Tooltip fullStatus = new Tooltip();
        fullStatus.textProperty().bind(viewModel.statusProperty());
        fullStatus.setWrapText(true);
        fullStatus.setMaxWidth(600);
        status.setTooltip(fullStatus);

        final TextField search = new TextField();
        search.setId("browserSearch");
        search.setPromptText(bundle.getString("browser.search.prompt"));
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        search.setOnAction((event) -> viewModel.browse());
        final Label total = new Label();
        total.setId("browserTotal");
        total.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
            viewModel.totalProperty().get() < 0 ? "" :
            java.text.MessageFormat.format(bundle.getString("browser.total"), viewModel.totalProperty().get()),
            viewModel.totalProperty()));
        total.setMinWidth(Region.USE_PREF_SIZE);

        final HBox toolbar = new HBox(queue, selector, search, browse, previous, next, total, status);
        toolbar.getStyleClass().add("tab-toolbar");
        return toolbar;
    }

    private VBox viewer(final MessageViewerViewModel viewModel)
    {
        final TableView<Field> headers = fieldTable("browserHeaders", viewModel, true);
        final TableView<Field> properties = fieldTable("browserProperties", viewModel, false);
        final SplitPane fields = new SplitPane(headers, properties);
        fields.setOrientation(Orientation.HORIZONTAL);

        final Label note = new Label();
        note.setId("bodyNote");
        note.getStyleClass().add("body-note");
        note.setWrapText(true);
        note.textProperty().bind(viewModel.noteProperty());
        final TextArea body = new TextArea();
        body.setId("messageBody");
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
            toggle.setId("format" + format.name());
            toggle.setUserData(format);
            toggles.put(format, toggle);
        }
        final SegmentedButton formats = new SegmentedButton(toggles.values().toArray(new ToggleButton[0]));
        formats.setId("bodyFormat");
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
        loadMore.setId("loadMore");
        loadMore.disableProperty().bind(viewModel.canLoadMoreProperty().not());
        loadMore.setOnAction((event) -> viewModel.loadMore());
        final Button save = new Button(bundle.getString("viewer.save"));
        save.setId("saveBody");
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

    /**
     * The JMSType header a sender set, or empty; the body type is shown among the headers as BodyType.
     *
     * @param message a browsed message.
     * @return its JMSType.
     */
    static String jmsType(final BrowsedMessage message)
    {
        final String type = message.headers().get("JMSType");
        return null == type || "null".equals(type) ? "" : type;
    }

    private static TableCell<BrowsedMessage, Object> leadingEllipsisCell()
    {
        final TableCell<BrowsedMessage, Object> cell = new TableCell<>()
        {
            @Override
            protected void updateItem(final Object item, final boolean empty)
            {
                super.updateItem(item, empty);
                setText(empty || null == item ? null : item.toString());
            }
        };
        cell.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        return cell;
    }

    private TableColumn<BrowsedMessage, Object> column(
        final String key, final Function<BrowsedMessage, Object> value, final double prefWidth)
    {
        final TableColumn<BrowsedMessage, Object> column = new TableColumn<>(bundle.getString(key));
        column.setPrefWidth(prefWidth);
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        return column;
    }
}
