package io.aeolus.transport.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Coverage-guided fuzzing of the property and value codec that message properties and map message bodies use:
 * any bytes either decode (and then re-encode to something that decodes to the same entries) or are refused with an
 * {@link IllegalArgumentException}; the lookup of one name behaves the same. Nothing else escapes, and a hostile
 * count or length never makes the decoder allocate more than the input holds.
 */
class PropertiesCodecFuzzTest
{
    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldDecodeOrRefuseAnyBytes(final byte[] input)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(input);
        try
        {
            final Map<String, Object> values = PropertiesCodec.decode(buffer, 0, input.length);
            final ExpandableArrayBuffer copy = new ExpandableArrayBuffer(input.length + 16);
            final int length = PropertiesCodec.encode(values, copy, 0);
            assertEquals(values.keySet(), PropertiesCodec.decode(copy, 0, length).keySet());
        }
        catch (final IllegalArgumentException ex)
        {
            assertNotNull(ex.getMessage());
        }
        try
        {
            PropertiesCodec.find(buffer, 0, input.length, "JMSXGroupID");
        }
        catch (final IllegalArgumentException ex)
        {
            assertNotNull(ex.getMessage());
        }
        try
        {
            final List<Object> values = PropertiesCodec.decodeValues(buffer, 0, input.length);
            assertNotNull(values);
        }
        catch (final IllegalArgumentException ex)
        {
            assertNotNull(ex.getMessage());
        }
    }
}
