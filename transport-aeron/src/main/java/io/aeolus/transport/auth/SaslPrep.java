package io.aeolus.transport.auth;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013), the stringprep profile (RFC 3454) that SCRAM (RFC 5802) applies to passwords, so that the same
 * password typed on different systems hashes the same: non-ASCII spaces become a space, characters "commonly mapped
 * to nothing" go, the result is NFKC-normalised, and prohibited characters (controls, private use, non-characters,
 * surrogates, tagging and display-changing characters, non-ASCII spaces) and badly mixed bidirectional text are
 * refused. Stored strings (a password being set) also refuse unassigned code points; queries (a password at login)
 * let them through, as RFC 3454 section 7 says.
 * <p>
 * Unassigned means unassigned in the running JVM's Unicode version, which is newer than the Unicode 3.2 of RFC
 * 3454's table A.1: a character assigned since 3.2 is accepted. Both ends of Aeolus use this class, so they agree.
 */
public final class SaslPrep
{
    private SaslPrep()
    {
    }

    /**
     * Prepares a string given at login (a query: unassigned code points allowed).
     *
     * @param value the string as typed.
     * @return the prepared string.
     * @throws IllegalArgumentException naming the offending code point (never echoing the string) if it is refused.
     */
    public static String query(final String value)
    {
        return prepare(value, false);
    }

    /**
     * Prepares a string to be stored, such as a new password (unassigned code points refused).
     *
     * @param value the string as typed.
     * @return the prepared string.
     * @throws IllegalArgumentException naming the offending code point (never echoing the string) if it is refused.
     */
    public static String stored(final String value)
    {
        return prepare(value, true);
    }

    private static String prepare(final String value, final boolean isStored)
    {
        final StringBuilder mapped = new StringBuilder(value.length());
        value.codePoints().forEach((cp) ->
        {
            if (isNonAsciiSpace(cp))
            {
                mapped.append(' ');
            }
            else if (!isMappedToNothing(cp))
            {
                mapped.appendCodePoint(cp);
            }
        });
        final String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        boolean hasRandAl = false;
        boolean hasL = false;
        for (int i = 0; i < normalized.length(); )
        {
            final int cp = normalized.codePointAt(i);
            final String problem = prohibition(cp, isStored);
            if (null != problem)
            {
                throw new IllegalArgumentException("contains " + problem + " " + codePoint(cp) +
                    ", which SASLprep (RFC 4013) prohibits");
            }
            final byte direction = Character.getDirectionality(cp);
            hasRandAl |= isRandAl(direction);
            hasL |= direction == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
            i += Character.charCount(cp);
        }
        if (hasRandAl)
        {
            checkBidi(normalized, hasL);
        }
        return normalized;
    }

    private static void checkBidi(final String value, final boolean hasL)
    {
        if (hasL)
        {
            throw new IllegalArgumentException("mixes right-to-left and left-to-right characters, which SASLprep " +
                "(RFC 4013, RFC 3454 section 6) prohibits");
        }
        final int first = value.codePointAt(0);
        final int last = value.codePointBefore(value.length());
        if (!isRandAl(Character.getDirectionality(first)) || !isRandAl(Character.getDirectionality(last)))
        {
            throw new IllegalArgumentException("has right-to-left characters but does not begin and end with one, " +
                "which SASLprep (RFC 4013, RFC 3454 section 6) prohibits");
        }
    }

    private static boolean isRandAl(final byte direction)
    {
        return direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT ||
            direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    /**
     * RFC 3454 table C.1.2.
     */
    static boolean isNonAsciiSpace(final int cp)
    {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
            cp == 0x3000;
    }

    /**
     * RFC 3454 table B.1.
     */
    static boolean isMappedToNothing(final int cp)
    {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D) ||
            (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /**
     * @return what kind of prohibited character this is (RFC 4013 section 2.3), or null if it is allowed.
     */
    static String prohibition(final int cp, final boolean isStored)
    {
        if (isNonAsciiSpace(cp))
        {
            return "the non-ASCII space";
        }
        if (cp < 0x20 || cp == 0x7F || isNonAsciiControl(cp))
        {
            return "the control character";
        }
        if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) || (cp >= 0x100000 && cp <= 0x10FFFD))
        {
            return "the private-use character";
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
        {
            return "the non-character";
        }
        if (cp >= 0xD800 && cp <= 0xDFFF)
        {
            return "the lone surrogate";
        }
        if ((cp >= 0xFFF9 && cp <= 0xFFFD) || (cp >= 0x2FF0 && cp <= 0x2FFB))
        {
            return "the character inappropriate for plain text";
        }
        if (cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
            (cp >= 0x206A && cp <= 0x206F))
        {
            return "the display-changing character";
        }
        if (cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F))
        {
            return "the tagging character";
        }
        if (isStored && !Character.isDefined(cp))
        {
            return "the unassigned code point";
        }
        return null;
    }

    /**
     * RFC 3454 table C.2.2.
     */
    private static boolean isNonAsciiControl(final int cp)
    {
        return (cp >= 0x0080 && cp <= 0x009F) || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C ||
            cp == 0x200D || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063) ||
            (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC) ||
            (cp >= 0x1D173 && cp <= 0x1D17A);
    }

    private static String codePoint(final int cp)
    {
        return String.format("U+%04X", cp);
    }
}
