/**
 * What the command line shows people: {@link org.earshot.jobs.console.Progress} bars on terminals
 * only, {@link org.earshot.jobs.console.Text} for text from posts made safe to print.
 */
package org.earshot.jobs.console;
