/**
 * Earshot's settings, typed and declared once: each area's keys ({@link
 * org.earshot.jobs.settings.KafkaKeys}, {@link org.earshot.jobs.settings.ListenKeys}, …), the
 * catalog that knows them all, and {@link org.earshot.jobs.settings.EarshotConfig}, the values of
 * one run with where each came from. Jobs read typed values from it and build their options
 * records; nothing past this package sees a string key.
 */
package org.earshot.jobs.settings;
