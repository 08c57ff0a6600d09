package io.aeolus.cluster;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerExtension;

import java.util.Map;

/**
 * An installed extension for tests (registered as a service of the test class path), standing in for the JMS bridge:
 * a broker group member must refuse its options.
 */
public final class FakeBridgeExtension implements BrokerExtension
{
    /**
     * {@inheritDoc}
     */
    public String optionPrefix()
    {
        return "aeolus.testbridge.";
    }

    /**
     * {@inheritDoc}
     */
    public void validate(final Map<String, String> options)
    {
    }

    /**
     * {@inheritDoc}
     */
    public AutoCloseable start(final Broker broker, final Map<String, String> options)
    {
        throw new UnsupportedOperationException("a test extension never starts");
    }
}
