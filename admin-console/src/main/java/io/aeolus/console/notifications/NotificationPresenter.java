package io.aeolus.console.notifications;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;

/**
 * Shows each {@link Notice} as a ControlsFX notification popup at the bottom right of the console window, in the
 * dark style while the dark theme is on. Errors stay longer than information, and a notice that offers an action
 * (such as Undo) as a button stays longest. More than {@value #THRESHOLD} at once collapse into one summary. FX thread
 * only.
 */
public final class NotificationPresenter
{
    /** Popups shown at once before they collapse into a summary. */
    public static final int THRESHOLD = 4;
    private static final Duration INFO_DURATION = Duration.seconds(5);
    private static final Duration ERROR_DURATION = Duration.seconds(12);
    private static final Duration ACTION_DURATION = Duration.seconds(20);

    private final Supplier<Window> owner;
    private final BooleanSupplier dark;
    private final String summaryTitle;

    /**
     * Subscribes to a notifier.
     *
     * @param notifier     where notices come from.
     * @param owner        the window the popups belong to; notices arriving while it is not showing only go to
     *                     history.
     * @param dark         whether the dark theme is on.
     * @param summaryTitle title of the summary that stands for many notices at once.
     */
    public NotificationPresenter(
        final Notifier notifier, final Supplier<Window> owner, final BooleanSupplier dark, final String summaryTitle)
    {
        this.owner = owner;
        this.dark = dark;
        this.summaryTitle = summaryTitle;
        notifier.addListener(this::show);
    }

    private void show(final Notice notice)
    {
        final Window window = owner.get();
        if (null == window || !window.isShowing())
        {
            return;
        }
        final Notifications popup = Notifications.create()
            .owner(window)
            .title(notice.title())
            .text(notice.text())
            .position(Pos.BOTTOM_RIGHT)
            .hideAfter(null != notice.action() ? ACTION_DURATION :
                notice.level() == NoticeLevel.ERROR ? ERROR_DURATION : INFO_DURATION)
            .styleClass("aeolus-notification", "notice-" + notice.level().name().toLowerCase(Locale.ROOT))
            .threshold(THRESHOLD, Notifications.create().title(summaryTitle));
        if (dark.getAsBoolean())
        {
            popup.darkStyle();
        }
        if (null != notice.action())
        {
            popup.action(new Action(notice.action().label(), (event) -> notice.action().run()));
        }
        switch (notice.level())
        {
            case ERROR -> popup.showError();
            case WARNING -> popup.showWarning();
            default -> popup.showInformation();
        }
    }
}
