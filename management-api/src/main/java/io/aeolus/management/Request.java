package io.aeolus.management;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the map body of a request: its {@link Operation} and its {@link Argument}s. Allocates; any thread.
 */
public final class Request
{
    private Request()
    {
    }

    /**
     * @param operation          the operation.
     * @param namesAndValues     argument names ({@link Argument}) each followed by its value; null values are left out.
     * @return a new, mutable request body.
     * @throws IllegalArgumentException if a name has no value.
     */
    public static Map<String, Object> of(final Operation operation, final Object... namesAndValues)
    {
        if (namesAndValues.length % 2 != 0)
        {
            throw new IllegalArgumentException("every argument name needs a value");
        }
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put(Argument.OP, operation.wireName());
        for (int i = 0; i < namesAndValues.length; i += 2)
        {
            if (null != namesAndValues[i + 1])
            {
                request.put((String)namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return request;
    }

    /**
     * @param request a request body.
     * @return its operation, null if it names none or an unknown one.
     */
    public static Operation operation(final Map<String, Object> request)
    {
        final Object name = request.get(Argument.OP);
        return name instanceof String ? Operation.ofWireName((String)name) : null;
    }
}
