package io.aeolus.broker.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TopicWildcardsTest
{
    private final TopicWildcards wildcards = TopicWildcards.DEFAULT;

    @Test
    void shouldMatchExactlyOneLevelWithStar()
    {
        assertTrue(wildcards.matches("stock.*", "stock.AAPL"));
        assertFalse(wildcards.matches("stock.*", "stock.us.AAPL"));
        assertFalse(wildcards.matches("stock.*", "stock"));
        assertTrue(wildcards.matches("*.AAPL", "stock.AAPL"));
        assertTrue(wildcards.matches("stock.*.AAPL", "stock.us.AAPL"));
        assertTrue(wildcards.matches("stock.*", "stock."), "an empty level is a level");
    }

    @Test
    void shouldMatchAnyNumberOfLevelsWithHashIncludingNone()
    {
        assertTrue(wildcards.matches("stock.#", "stock.AAPL"));
        assertTrue(wildcards.matches("stock.#", "stock.us.AAPL"));
        assertTrue(wildcards.matches("stock.#", "stock"));
        assertFalse(wildcards.matches("stock.#", "stocks.AAPL"));
        assertTrue(wildcards.matches("#", "a.b.c"));
        assertTrue(wildcards.matches("a.#.c", "a.c"));
        assertTrue(wildcards.matches("a.#.c", "a.x.y.c"));
        assertFalse(wildcards.matches("a.#.c", "a.x.y.d"));
        assertTrue(wildcards.matches("#.c", "a.b.c"));
    }

    @Test
    void shouldTreatOtherCharactersLiterally()
    {
        assertFalse(wildcards.matches("stock.AAPL", "stock.AAPLX"));
        assertTrue(wildcards.matches("stock.AAPL", "stock.AAPL"));
        assertFalse(wildcards.isPattern("stock.AAPL"));
        assertTrue(wildcards.isPattern("stock.#"));
    }

    @Test
    void shouldRefuseAWildcardThatIsNotAWholeLevel()
    {
        assertNotNull(wildcards.patternProblem("stock.A*"));
        assertNotNull(wildcards.patternProblem("stock#"));
        assertNull(wildcards.patternProblem("*.#.x"));
    }

    @Test
    void shouldUseConfiguredCharacters()
    {
        final TopicWildcards mqttLike = new TopicWildcards(true, '/', '+', '#');

        assertTrue(mqttLike.matches("a/+/c", "a/b/c"));
        assertTrue(mqttLike.matches("a/#", "a/b/c"));
        assertFalse(mqttLike.isPattern("stock.*"));
        assertFalse(TopicWildcards.OFF.isPattern("stock.#"));
    }

    @Test
    void shouldRefuseTheSameCharacterTwice()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new TopicWildcards(true, '.', '.', '#'));
        assertEquals(true, ex.getMessage().contains("different"));
    }
}
