package io.aeolus.jms.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * The bodies the paged-out management tests send: {@code m0}, {@code m1}, ...; every tenth from {@code m3} on is
 * "picked" (its {@code pick} property is true), the rest are not.
 */
final class PagedOutBodies
{
    private PagedOutBodies()
    {
    }

    /**
     * @param count  messages sent.
     * @param picked true for the picked messages' bodies, false for the others'.
     * @return those bodies, in the order sent.
     */
    static List<String> picked(final int count, final boolean picked)
    {
        final List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            if ((i % 10 == 3) == picked)
            {
                bodies.add("m" + i);
            }
        }
        return bodies;
    }

    /**
     * @param count messages sent.
     * @return every body, in the order sent.
     */
    static List<String> all(final int count)
    {
        final List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            bodies.add("m" + i);
        }
        return bodies;
    }
}
