package io.aeolus.transport.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class TransportEncryptionTest
{
    @Test
    void shouldParseTheThreeValuesInAnyCase()
    {
        assertEquals(TransportEncryption.OFF, TransportEncryption.parse("encryption", "off"));
        assertEquals(TransportEncryption.ON, TransportEncryption.parse("encryption", " On "));
        assertEquals(TransportEncryption.REQUIRED, TransportEncryption.parse("encryption", "REQUIRED"));
    }

    @Test
    void shouldRefuseAnythingElseNamingTheOptionAndTheValue()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> TransportEncryption.parse("encryption", "yes"));
        assertTrue(ex.getMessage().contains("encryption") && ex.getMessage().contains("'yes'"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TransportEncryption.parse("encryption", null));
    }
}
