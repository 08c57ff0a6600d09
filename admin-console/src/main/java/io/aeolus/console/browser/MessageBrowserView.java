package io.aeolus.console.browser;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.controls.NameSearch;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.controlsfx.control.textfield.AutoCompletionBinding;

/**
 * Code-built view and thin controller of the Message browser tab: a page of messages on the left and the
 * viewer (headers, properties, body) on the right, bound to a {@link MessageBrowserViewModel}. FX thread only.
 */
public final class MessageBrowserView
{
    private static final DateTimeFormatter TIME_FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private static final double SELECTOR_MIN_WIDTH = 240;
    private static final double STATUS_WIDTH = 200;

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
        // The body type in its own column: "JMSType" is the sender's type name, not the kind of body.
        final TableColumn<BrowsedMessage, Object> bodyType =
            column("browser.bodyType", (message) -> message.bodyType().name(), 70);
        bodyType.setId("browserBodyType");
        list.getColumns().add(bodyType);
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

        final SplitPane split = new SplitPane(list, new MessageViewerView(viewModel.viewer(), bundle, "").root());
        split.setDividerPositions(0.44);
        root.setCenter(split);
        root.setBottom(pager(viewModel));
        root.getStyleClass().add("browser-view");
    }

    /**
     * First, previous, the page number (type one and press Enter), the number of pages, next and last: the pages
     * cover the whole queue, paged-out messages included, when it is browsed without a selector or a search.
     */
    private HBox pager(final MessageBrowserViewModel viewModel)
    {
        final Button first = new Button(bundle.getString("browser.first"));
        first.setId("firstPage");
        first.disableProperty().bind(viewModel.busyProperty().or(viewModel.pageIndexProperty().isEqualTo(0)));
        first.setOnAction((event) -> viewModel.firstPage());
        final Button previous = new Button(bundle.getString("browser.previous"));
        previous.setId("previousPage");
        previous.disableProperty().bind(viewModel.busyProperty().or(viewModel.pageIndexProperty().isEqualTo(0)));
        previous.setOnAction((event) -> viewModel.previousPage());
        final Button next = new Button(bundle.getString("browser.next"));
        next.setId("nextPage");
        next.disableProperty().bind(viewModel.busyProperty().or(viewModel.hasNextPageProperty().not()));
        next.setOnAction((event) -> viewModel.nextPage());
        final Button last = new Button(bundle.getString("browser.last"));
        last.setId("lastPage");
        last.disableProperty().bind(viewModel.busyProperty().or(viewModel.pageCountProperty().lessThan(1)).or(
            viewModel.pageIndexProperty().add(1).greaterThanOrEqualTo(viewModel.pageCountProperty())));
        last.setOnAction((event) -> viewModel.lastPage());

        final TextField page = new TextField();
        page.setId("browserPage");
        page.setPrefColumnCount(5);
        page.setPromptText(bundle.getString("browser.pageField"));
        page.setTooltip(new Tooltip(bundle.getString("browser.pageField.tooltip")));
        viewModel.pageIndexProperty().addListener((observable, oldValue, newValue) ->
            page.setText(String.valueOf(newValue.intValue() + 1)));
        page.setOnAction((event) -> viewModel.goToPage(page.getText()));
        final Label pages = new Label();
        pages.setId("browserPageCount");
        pages.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
            viewModel.pageCountProperty().get() < 1 ? "" :
            java.text.MessageFormat.format(bundle.getString("browser.ofPages"), viewModel.pageCountProperty().get()),
            viewModel.pageCountProperty()));
        pages.setMinWidth(Region.USE_PREF_SIZE);
        for (final Button button : new Button[]{first, previous, next, last})
        {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        final HBox pager = new HBox(first, previous, page, pages, next, last);
        pager.setId("browserPager");
        pager.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        pager.getStyleClass().add("tab-toolbar");
        return pager;
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
        final AutoCompletionBinding<String> suggestions = NameSearch.bind(queue.getEditor(), viewModel.queueNames());
        // Browse takes the queue as typed, whether or not the field lost focus first (a click on Browse from a window
        // that is not focused moves no focus, so the combo box would not commit its text), and closes the suggestions.
        final EventHandler<ActionEvent> browseTyped = (event) ->
        {
            suggestions.getAutoCompletionPopup().hide();
            queue.commitValue();
            viewModel.browse();
        };
        final TextField selector = new TextField();
        selector.setId("browserSelector");
        selector.setPromptText(bundle.getString("browser.selector.prompt"));
        selector.textProperty().bindBidirectional(viewModel.selectorProperty());
        HBox.setHgrow(selector, Priority.ALWAYS);
        selector.setMinWidth(SELECTOR_MIN_WIDTH);
        selector.setOnAction(browseTyped);

        final Button browse = new Button(bundle.getString("browser.browse"));
        browse.setId("browse");
        browse.setDefaultButton(true);
        browse.disableProperty().bind(viewModel.busyProperty());
        browse.setOnAction(browseTyped);
        final Label status = new Label();
        status.setId("browserStatus");
        status.textProperty().bind(viewModel.statusProperty());
        // A long error (a bad selector) is cut in the toolbar and whole in the tooltip. The status has a fixed width,
        // so no text in it ever takes width from the selector field.
        status.setMinWidth(0);
        status.setPrefWidth(STATUS_WIDTH);
        status.setMaxWidth(STATUS_WIDTH);
        final Tooltip fullStatus = new Tooltip();
        fullStatus.textProperty().bind(viewModel.statusProperty());
        fullStatus.setWrapText(true);
        fullStatus.setMaxWidth(600);
        status.setTooltip(fullStatus);

        final TextField search = new TextField();
        search.setId("browserSearch");
        search.setPromptText(bundle.getString("browser.search.prompt"));
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        search.setOnAction(browseTyped);
        final Label total = new Label();
        total.setId("browserTotal");
        total.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
            totalText(bundle, viewModel.totalProperty().get(), viewModel.matchedProperty().get()),
            viewModel.totalProperty(), viewModel.matchedProperty()));
        total.setMinWidth(Region.USE_PREF_SIZE);

        browse.setMinWidth(Region.USE_PREF_SIZE); // the selector and search fields give way, never the button
        final HBox toolbar = new HBox(queue, selector, search, browse, total, status);
        toolbar.getStyleClass().add("tab-toolbar");
        return toolbar;
    }

    /**
     * The toolbar's count: how many messages wait in the queue, and how many of them match the shown selector or
     * search when one narrows the list.
     *
     * @param bundle  UI text.
     * @param waiting messages waiting in all, -1 if not known.
     * @param matched messages matching, -1 if nothing narrows the list or the count is not known.
     * @return the text, empty if nothing is known.
     */
    static String totalText(final ResourceBundle bundle, final long waiting, final long matched)
    {
        if (matched >= 0)
        {
            return waiting < 0 ? java.text.MessageFormat.format(bundle.getString("browser.matched"), matched) :
                java.text.MessageFormat.format(bundle.getString("browser.matchedOf"), matched, waiting);
        }
        return waiting < 0 ? "" : java.text.MessageFormat.format(bundle.getString("browser.total"), waiting);
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
