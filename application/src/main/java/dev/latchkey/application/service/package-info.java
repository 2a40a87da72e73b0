@NullMarked
package dev.latchkey.application.service;

import org.jspecify.annotations.NullMarked;
