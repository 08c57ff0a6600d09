package io.aeolus.console.controls;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TextField;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.control.textfield.TextFields;

/**
 * Makes a long list of destination names searchable from a text field: typing shows, under the field, the names that
 * contain the text anywhere (case-insensitive), in name order, so one of 2,000 queues is found by a few letters
 * of any part of its name. FX thread only.
 */
public final class NameSearch
{
    /** How many matches the pop-up lists at most. */
    public static final int MAX_SUGGESTIONS = 50;

    private NameSearch()
    {
    }

    /**
     * Binds name suggestions to a field.
     *
     * @param field the field typed into (an editable combo box's editor, or a text field).
     * @param names the live names to search.
     * @return the binding, to unbind with {@link AutoCompletionBinding#dispose()}.
     */
    public static AutoCompletionBinding<String> bind(final TextField field, final ObservableList<String> names)
    {
        // ControlsFX asks for suggestions on a thread of its own: it reads a copy the FX thread replaces.
        final AtomicReference<List<String>> snapshot = new AtomicReference<>(List.copyOf(names));
        names.addListener((ListChangeListener<String>)(change) -> snapshot.set(List.copyOf(names)));
        final AutoCompletionBinding<String> binding = TextFields.bindAutoCompletion(field,
            (request) -> matches(snapshot.get(), request.getUserText()));
        binding.setVisibleRowCount(12);
        // A click elsewhere (on Browse, say) closes the suggestions and still does what it was meant to.
        binding.getAutoCompletionPopup().setConsumeAutoHidingEvents(false);
        // ControlsFX looks the names up on a thread of its own and shows them when they come, even if the field lost
        // focus meanwhile (a busy machine, a quick click on Browse): such late suggestions are closed at once, so no
        // pop-up is left over the window to take the next Enter or click.
        binding.getAutoCompletionPopup().setOnShown((event) ->
        {
            if (!field.isFocused())
            {
                binding.getAutoCompletionPopup().hide();
            }
        });
        return binding;
    }

    /**
     * The names containing a text, case-insensitive, sorted, at most {@link #MAX_SUGGESTIONS}; none for blank text or
     * when the only match is the text itself. A name equal to the text comes first: the pop-up highlights its first
     * suggestion and Enter takes the highlighted one, so a whole name typed and Enter keep that name (typing
     * {@code orders} must not browse {@code DLQ.orders}, which sorts before it).
     *
     * @param names all names.
     * @param typed what was typed.
     * @return the matches.
     */
    public static List<String> matches(final List<String> names, final String typed)
    {
        final String needle = null == typed ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty())
        {
            return List.of();
        }
        final String exact = typed.strip();
        final List<String> found = names.stream()
            .filter((name) -> name.toLowerCase(Locale.ROOT).contains(needle))
            .sorted(Comparator.comparing((String name) -> !name.equals(exact)).thenComparing(Comparator.naturalOrder()))
            .limit(MAX_SUGGESTIONS).toList();
        return found.size() == 1 && found.get(0).equals(typed) ? List.of() : found;
    }
}
