package io.aeolus.broker.transform;

import java.util.Map;

/**
 * A kind of message transformation, found by its {@link #name()}: the broker's built-ins, and plugins listed in
 * {@code META-INF/services/io.aeolus.broker.transform.MessageTransformer} of a jar on the classpath or in the
 * directory {@code aeolus.broker.plugins.dir}. Implementations need a public no-argument constructor.
 * <p>
 * Contract: {@link #configure} runs once per routing rule, when the rule is declared or created, and checks every
 * parameter, naming the bad one. The {@link Transformation} it returns runs on the broker's engine thread for each
 * message the rule takes, so it must be a <b>pure function of the message</b>: the same message gives the same
 * result, byte for byte, with no clock, random numbers, I/O, threads or state kept between messages (the engine is
 * deterministic: it is replayed from its inputs); and it must be cheap, its cost bounded by the size of the message.
 * A transformation that throws is treated as one that finds the message invalid.
 */
public interface MessageTransformer
{
    /**
     * @return the name rules use ({@code aeolus.route.<rule>.transformer=<name>}): letters, digits, '-', '.', '_'.
     */
    String name();

    /**
     * Checks the parameters of one rule and prepares the transformation (parses schemas and paths once).
     *
     * @param parameters the rule's {@code aeolus.route.<rule>.transformer.<parameter>} values, by parameter name.
     * @return the transformation, safe to call from the engine thread for as long as the rule lives.
     * @throws IllegalArgumentException naming the bad or unknown parameter.
     */
    Transformation configure(Map<String, String> parameters);
}
