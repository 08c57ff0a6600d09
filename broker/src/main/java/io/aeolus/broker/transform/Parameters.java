package io.aeolus.broker.transform;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks of the built-ins' parameters. Thread-safe: no state.
 */
final class Parameters
{
    private Parameters()
    {
    }

    static void requireOnly(final String transformer, final Map<String, String> parameters, final Set<String> known)
    {
        for (final String name : new TreeSet<>(parameters.keySet()))
        {
            if (!known.contains(name))
            {
                throw new IllegalArgumentException("transformer " + transformer + ": unknown parameter '" + name +
                    "'" + (known.isEmpty() ? " (it takes none)" : " (it takes " + new TreeSet<>(known) + ")"));
            }
        }
    }
}
