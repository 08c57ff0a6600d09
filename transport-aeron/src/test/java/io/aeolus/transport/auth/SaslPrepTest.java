package io.aeolus.transport.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class SaslPrepTest
{
    @Test
    void shouldPrepareTheExamplesOfRfc4013()
    {
        assertEquals("IX", SaslPrep.query("I\u00ADX"), "soft hyphen mapped to nothing");
        assertEquals("user", SaslPrep.query("user"));
        assertEquals("USER", SaslPrep.query("USER"), "case is kept");
        assertEquals("a", SaslPrep.query("\u00AA"), "NFKC");
        assertEquals("IX", SaslPrep.query("\u2168"), "NFKC");
        assertProhibited("\u0007", "U+0007");
        final IllegalArgumentException bidi = assertThrows(IllegalArgumentException.class,
            () -> SaslPrep.query("\u0627\u0031"));
        assertTrue(bidi.getMessage().contains("right-to-left"), bidi.getMessage());
    }

    @Test
    void shouldMapNonAsciiSpacesToASpaceAndDropInvisibleCharacters()
    {
        assertEquals("pass word", SaslPrep.query("pass\u00A0word"));
        assertEquals("pass word", SaslPrep.query("pass\u3000word"));
        assertEquals("password", SaslPrep.query("pass\uFEFFwo\u200Drd\uFE0F"));
    }

    @Test
    void shouldRefuseProhibitedCharactersNamingTheCodePointButNotTheString()
    {
        assertProhibited("secret\u007F", "U+007F");
        assertProhibited("secret\u0085", "U+0085");
        assertProhibited("secret\uE000", "U+E000");
        assertProhibited("secret\uFDD0", "U+FDD0");
        assertProhibited("secret\uD800", "U+D800");
        assertProhibited("secret\uFFFD", "U+FFFD");
        assertProhibited("secret\u202E", "U+202E");
        assertProhibited("secret" + new String(Character.toChars(0xE0041)), "U+E0041");
    }

    @Test
    void shouldAcceptRightToLeftTextThatBeginsAndEndsRightToLeft()
    {
        assertEquals("\u05D0\u05D1\u0031\u05D2", SaslPrep.query("\u05D0\u05D1\u0031\u05D2"));
        assertThrows(IllegalArgumentException.class, () -> SaslPrep.query("\u05D0abc\u05D1"), "mixed with L");
    }

    @Test
    void shouldRefuseUnassignedCodePointsOnlyInStoredStrings()
    {
        final String unassigned = "secret" + new String(Character.toChars(0x0378));
        assertFalse(Character.isDefined(0x0378));
        assertEquals(unassigned, SaslPrep.query(unassigned));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SaslPrep.stored(unassigned));
        assertTrue(ex.getMessage().contains("U+0378"), ex.getMessage());
    }

    @Test
    void shouldHashEquivalentPasswordsTheSameAndTurnARefusedOneIntoANonMatch()
    {
        final ScramCredential credential = ScramCredential.derive("\u2168 lives", new byte[16], Scram.MIN_ITERATIONS);
        assertTrue(credential.matches("IX lives"));
        assertTrue(credential.matches("I\u00ADX\u00A0lives"));
        assertFalse(credential.matches("IX lives\u0007"));
        assertArrayEquals(Scram.normalize("IX lives"), Scram.normalize("\u2168\u3000lives"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ScramCredential.derive("bell\u0007", Scram.MIN_ITERATIONS));
        assertTrue(ex.getMessage().startsWith("the password contains the control character U+0007"), ex.getMessage());
    }

    private static void assertProhibited(final String value, final String codePoint)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> SaslPrep.query(value));
        assertTrue(ex.getMessage().contains(codePoint), ex.getMessage());
        assertFalse(ex.getMessage().contains("secret"), "never echoes the string: " + ex.getMessage());
    }
}
