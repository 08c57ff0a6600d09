package io.aeolus.console.backend;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * For view model tests of the list tabs: a backend whose only working part is its {@link BrokerActions}; any other
 * call fails with {@link UnsupportedOperationException} naming it.
 */
public final class ActionsOnlyBackend
{
    private ActionsOnlyBackend()
    {
    }

    /**
     * A backend over the given actions.
     *
     * @param actions what {@link ConsoleBackend#actions()} returns.
     * @return the backend.
     */
    public static ConsoleBackend of(final BrokerActions actions)
    {
        return (ConsoleBackend)Proxy.newProxyInstance(ConsoleBackend.class.getClassLoader(),
            new Class<?>[]{ConsoleBackend.class}, (proxy, method, args) ->
            {
                if ("actions".equals(method.getName()))
                {
                    return actions;
                }
                throw new InvocationTargetException(new UnsupportedOperationException(method.getName()));
            });
    }
}
