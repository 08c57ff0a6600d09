/**
 * The JMS message selector language (Jakarta Messaging 3.1, section 3.8.1). A hand-written recursive-descent parser
 * checks a selector once, when a consumer subscribes, and compiles it into a tree of small immutable nodes. The
 * dispatcher then evaluates that tree per message through a {@link io.aeolus.broker.selector.SelectorSource}, which
 * reads only the properties and headers the selector actually needs, so that routing never decodes a whole message.
 */
package io.aeolus.broker.selector;
