package io.aeolus.console;

import javafx.application.Application;

/**
 * Main class of the console jar. It does not extend {@link Application}: with JavaFX on the class path (not
 * the module path) the JavaFX launcher refuses a main class that does, so this one hands over instead.
 */
public final class Launcher
{
    private Launcher()
    {
    }

    /**
     * Starts the console; blocks until the last window closes. With {@code --demo} it shows demo data instead of
     * connecting to a real broker.
     *
     * @param args command-line arguments, passed to the application.
     */
    public static void main(final String[] args)
    {
        Application.launch(ConsoleApp.class, args);
    }
}
