/**
 * How settings are read from what users write: {@link org.earshot.pipeline.settings.Durations}
 * (always with a unit).
 */
package org.earshot.pipeline.settings;
