/** Records of the business data models: the data the tokens unlock, with their history. */
@NullMarked
package dev.latchkey.domain.record;

import org.jspecify.annotations.NullMarked;
