/**
 * The {@code earshot} command line: {@link org.earshot.jobs.cli.Earshot} lists the commands, each
 * in its own class; {@link org.earshot.jobs.cli.SettingsOptions} holds the options they share.
 */
package org.earshot.jobs.cli;
