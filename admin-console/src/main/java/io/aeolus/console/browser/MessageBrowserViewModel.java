package io.aeolus.console.browser;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.SystemDestinations;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/**
 * State and logic of the Message browser tab: the queue, the selector, the current page, and the selected
 * message, which the {@link MessageViewerViewModel} shows. FX thread only.
 */
public final class MessageBrowserViewModel
{
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final ObservableBooleanValue hideSystem;
    /** The most body bytes fetched for the viewer; "save to file" fetches the whole body in slices. */
    static final int WHOLE_BODY_BYTES = 4 * 1024 * 1024;

    private final MessageViewerViewModel viewer;
    private final StringProperty queue = new SimpleStringProperty(this, "queue", "");
    private final StringProperty selector = new SimpleStringProperty(this, "selector", "");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", -1);
    private final ReadOnlyLongWrapper matched = new ReadOnlyLongWrapper(this, "matched", -1);
    private final IntegerProperty pageSize = new SimpleIntegerProperty(this, "pageSize", 50);
    private final ReadOnlyIntegerWrapper pageIndex = new ReadOnlyIntegerWrapper(this, "pageIndex");
    private final ReadOnlyBooleanWrapper hasNextPage = new ReadOnlyBooleanWrapper(this, "hasNextPage");
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", -1);
    /**
     * Whether the shown page was browsed without selector and search, so that the total counts its messages; else
     * {@link #matched} does.
     */
    private boolean shownWhole;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObservableList<BrowsedMessage> messages = FXCollections.observableArrayList();
    private final ObservableList<String> queueNames = FXCollections.observableArrayList();
    private final ObjectProperty<BrowsedMessage> selectedMessage = new SimpleObjectProperty<>(this, "selected");
    private List<DestinationInfo> lastDestinations = List.of();
    private String shownQueue = "";

    /**
     * Creates the view model.
     *
     * @param backend    the broker access.
     * @param runner     runs backend calls off the FX thread.
     * @param notifier   tells of failures.
     * @param bundle     UI text for status and notes.
     * @param hideSystem whether the broker's own queues are left out of the queue chooser.
     */
    public MessageBrowserViewModel(
        final ConsoleBackend backend,
        final TaskRunner runner,
        final Notifier notifier,
        final ResourceBundle bundle,
        final ObservableBooleanValue hideSystem)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        this.hideSystem = hideSystem;
        this.viewer = new MessageViewerViewModel(runner, notifier, bundle);
        viewer.bodySaver((message, file) -> backend.saveBody(queueName(), message, file));
        selectedMessage.addListener((observable, oldValue, newValue) -> onSelected(newValue));
        hideSystem.addListener((observable, oldValue, newValue) -> onDestinations(lastDestinations));
        queue.addListener((observable, oldValue, newValue) ->
        {
            matched.set(-1);
            updateTotal();
        });
        total.addListener((observable, oldValue, newValue) -> updatePageCount());
        pageSize.addListener((observable, oldValue, newValue) -> updatePageCount());
    }

    /**
     * Updates the queue names offered for browsing from a destinations batch: every queue except temporary ones,
     * and except the broker's own while system destinations are hidden. FX thread.
     *
     * @param destinations statistics of every destination.
     */
    public void onDestinations(final List<DestinationInfo> destinations)
    {
        lastDestinations = destinations;
        final List<String> names = new ArrayList<>();
        for (final DestinationInfo info : destinations)
        {
            final boolean hidden = info.temporary() || hideSystem.get() && SystemDestinations.isSystem(info);
            if (info.type() == DestinationType.QUEUE && !hidden)
            {
                names.add(info.name());
            }
        }
        names.sort(null);
        if (!names.equals(queueNames))
        {
            queueNames.setAll(names);
        }
        updateTotal();
    }

    private void updateTotal()
    {
        final String name = queueName();
        for (final DestinationInfo info : lastDestinations)
        {
            if (info.type() == DestinationType.QUEUE && info.name().equals(name))
            {
                total.set(info.depth());
                return;
            }
        }
        total.set(-1);
    }

    /**
     * Messages waiting in the browsed queue in all, paged-out ones included, as of the broker's last figures; -1 when
     * not known.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty totalProperty()
    {
        return total.getReadOnlyProperty();
    }

    /**
     * Messages of the browsed queue that match the shown page's selector or search, paged-out ones included, as the
     * broker counted them for that page; -1 when the page was browsed without either, or the count is not known.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty matchedProperty()
    {
        return matched.getReadOnlyProperty();
    }

    /**
     * Text to look for in the messages' ids, type and text (the broker's search, ignoring case); empty browses.
     *
     * @return the property.
     */
    public StringProperty searchProperty()
    {
        return search;
    }

    /**
     * Loads the shown page again, after messages were removed or added.
     */
    public void reload()
    {
        if (!shownQueue.isEmpty() && !shownQueue.equals(queueName()))
        {
            queue.set(shownQueue);
        }
        loadPage(pageIndex.get());
    }

    /**
     * The queue whose messages the list shows (the chooser may have been changed since).
     *
     * @return its name; empty if none shown.
     */
    public String shownQueue()
    {
        return shownQueue;
    }

    /**
     * Queue names offered for browsing.
     *
     * @return the live list.
     */
    public ObservableList<String> queueNames()
    {
        return queueNames;
    }

    /**
     * Browses from the first page with the current queue and selector.
     */
    public void browse()
    {
        loadPage(0);
    }

    /**
     * Loads the next page when there is one.
     */
    public void nextPage()
    {
        if (hasNextPage.get())
        {
            loadPage(pageIndex.get() + 1);
        }
    }

    /**
     * Loads the first page of what is shown.
     */
    public void firstPage()
    {
        loadPage(0);
    }

    /**
     * Loads the last page, when the number of pages is known: every waiting message counts, paged out to the journal
     * or not, or, with a selector or a search, every match the broker found in the whole queue.
     */
    public void lastPage()
    {
        if (pageCount.get() > 0)
        {
            loadPage(pageCount.get() - 1);
        }
    }

    /**
     * Loads a page by its number as shown (the first is 1), within the pages there are when their number is known.
     *
     * @param text the page number as typed.
     * @return false, with the status saying why, if the text is not a page number.
     */
    public boolean goToPage(final String text)
    {
        final int page;
        try
        {
            page = Integer.parseInt(null == text ? "" : text.strip());
        }
        catch (final NumberFormatException ex)
        {
            status.set(MessageFormat.format(bundle.getString("browser.badPage"), text));
            return false;
        }
        if (page < 1 || pageCount.get() > 0 && page > pageCount.get())
        {
            status.set(MessageFormat.format(bundle.getString("browser.badPage"), text));
            return false;
        }
        loadPage(page - 1);
        return true;
    }

    /**
     * How many pages the queue, or the matches of a selector or search, fill, paged-out messages included; -1 while
     * not known (nothing browsed yet, another queue chosen, or a backend that does not count matches).
     *
     * @return the property.
     */
    public ReadOnlyIntegerProperty pageCountProperty()
    {
        return pageCount.getReadOnlyProperty();
    }

    private void updatePageCount()
    {
        final long waiting = shownWhole ? total.get() : matched.get();
        final int size = Math.max(1, pageSize.get());
        pageCount.set(waiting < 0 || !shownQueue.equals(queueName()) ? -1 :
            (int)Math.min(Integer.MAX_VALUE, Math.max(1, (waiting + size - 1) / size)));
    }

    /**
     * Loads the previous page when not on the first.
     */
    public void previousPage()
    {
        if (pageIndex.get() > 0)
        {
            loadPage(pageIndex.get() - 1);
        }
    }

    private void loadPage(final int page)
    {
        final String queueName = null == queue.get() ? "" : queue.get().strip();
        if (queueName.isEmpty() || busy.get())
        {
            return;
        }
        final String selectorText = selector.get().strip();
        final String searchText = null == search.get() ? "" : search.get().strip();
        final int size = pageSize.get();
        busy.set(true);
        // One extra message tells whether a next page exists without a count query.
        runner.run(
            (sink) -> searchText.isEmpty() ? backend.browsePage(queueName, selectorText, page * size, size + 1) :
                backend.actions().searchPage(queueName, searchText, selectorText, page * size, size + 1),
            (loaded) ->
            {
                shownQueue = queueName;
                shownWhole = selectorText.isEmpty() && searchText.isEmpty();
                matched.set(shownWhole ? -1 : loaded.total());
                updatePageCount();
                onPage(page, size, loaded.messages());
            },
            this::onFailed);
    }

    private void onPage(final int page, final int size, final List<BrowsedMessage> loaded)
    {
        busy.set(false);
        pageIndex.set(page);
        hasNextPage.set(loaded.size() > size);
        messages.setAll(loaded.size() > size ? loaded.subList(0, size) : loaded);
        final boolean searched = null != search.get() && !search.get().isBlank();
        if (pageCount.get() > 0)
        {
            status.set(MessageFormat.format(bundle.getString(searched ? "browser.searchPageOf" : "browser.pageOf"),
                page + 1, pageCount.get(), messages.size()));
        }
        else
        {
            status.set(MessageFormat.format(bundle.getString(searched ? "browser.searchPage" : "browser.page"),
                page + 1, messages.size()));
        }
        selectedMessage.set(messages.isEmpty() ? null : messages.get(0));
    }

    /**
     * Shows the selected message at once, then, when the browse cut its body or held no bytes of an object body,
     * fetches more of it from the backend and shows that, if it is still the selected one.
     */
    private void onSelected(final BrowsedMessage selected)
    {
        viewer.show(selected);
        // A map body is read again for its entries' types, which browse does not give.
        if (null == selected || !(selected.truncated() || isObjectWithoutBytes(selected) ||
            selected.bodyType() == io.aeolus.console.backend.BodyType.MAP))
        {
            return;
        }
        final String queueName = queueName();
        runner.run(
            (sink) -> backend.withBody(queueName, selected, WHOLE_BODY_BYTES),
            (whole) ->
            {
                if (selectedMessage.get() == selected && whole != selected)
                {
                    viewer.show(whole);
                }
            },
            (failure) -> notifier.error(bundle.getString("browser.failedTitle"), failure));
    }

    private static boolean isObjectWithoutBytes(final BrowsedMessage message)
    {
        return message.bodyType() == io.aeolus.console.backend.BodyType.OBJECT && !message.hasBodyBytes();
    }

    /**
     * The queue being browsed.
     *
     * @return its name, stripped; empty if none.
     */
    public String queueName()
    {
        return null == queue.get() ? "" : queue.get().strip();
    }

    private void onFailed(final Throwable failure)
    {
        busy.set(false);
        final String text = notifier.describe(failure);
        status.set(MessageFormat.format(bundle.getString("browser.failed"), text));
        notifier.error(bundle.getString("browser.failedTitle"), failure);
    }

    /**
     * The viewer of the selected message.
     *
     * @return the viewer's state.
     */
    public MessageViewerViewModel viewer()
    {
        return viewer;
    }

    /**
     * Queue to browse.
     *
     * @return the property.
     */
    public StringProperty queueProperty()
    {
        return queue;
    }

    /**
     * JMS selector, empty for all messages.
     *
     * @return the property.
     */
    public StringProperty selectorProperty()
    {
        return selector;
    }

    /**
     * Messages per page.
     *
     * @return the property.
     */
    public IntegerProperty pageSizeProperty()
    {
        return pageSize;
    }

    /**
     * Zero-based index of the shown page.
     *
     * @return the property.
     */
    public ReadOnlyIntegerProperty pageIndexProperty()
    {
        return pageIndex.getReadOnlyProperty();
    }

    /**
     * Whether a next page exists.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty hasNextPageProperty()
    {
        return hasNextPage.getReadOnlyProperty();
    }

    /**
     * True while a page loads.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * Outcome of the last load.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }

    /**
     * Messages of the shown page.
     *
     * @return the live list.
     */
    public ObservableList<BrowsedMessage> messages()
    {
        return messages;
    }

    /**
     * The message in the viewer.
     *
     * @return the property.
     */
    public ObjectProperty<BrowsedMessage> selectedMessageProperty()
    {
        return selectedMessage;
    }

    /**
     * Forgets what the last broker showed, when the console is no longer connected to it (disconnected, broker gone,
     * or another login under way), so no stale figure stays on screen. FX thread.
     */
    public void clear()
    {
        lastDestinations = List.of();
        total.set(-1);
        matched.set(-1);
        shownQueue = "";
        shownWhole = false;
        pageCount.set(-1);
        queueNames.clear();
        messages.clear();
        selectedMessage.set(null);
        status.set("");
    }
}
