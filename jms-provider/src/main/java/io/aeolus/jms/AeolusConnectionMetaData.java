package io.aeolus.jms;

import jakarta.jms.ConnectionMetaData;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * What this provider implements: Jakarta Messaging 3.1 by Aeolus, with the JMSX properties it supports.
 * Immutable; thread-safe.
 */
public final class AeolusConnectionMetaData implements ConnectionMetaData
{
    /** The provider's version. */
    public static final String PROVIDER_VERSION = "0.1.0";

    /** JMSX properties this provider supports. */
    public static final List<String> JMSX_PROPERTIES = List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");

    /** The shared instance. */
    public static final AeolusConnectionMetaData INSTANCE = new AeolusConnectionMetaData();

    private AeolusConnectionMetaData()
    {
    }

    @Override
    public String getJMSVersion()
    {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion()
    {
        return 3;
    }

    @Override
    public int getJMSMinorVersion()
    {
        return 1;
    }

    @Override
    public String getJMSProviderName()
    {
        return "Aeolus";
    }

    @Override
    public String getProviderVersion()
    {
        return PROVIDER_VERSION;
    }

    @Override
    public int getProviderMajorVersion()
    {
        return 0;
    }

    @Override
    public int getProviderMinorVersion()
    {
        return 1;
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames()
    {
        return Collections.enumeration(JMSX_PROPERTIES);
    }
}
