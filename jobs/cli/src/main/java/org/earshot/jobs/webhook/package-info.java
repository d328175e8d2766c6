/** The webhook source: JSON Mentions posted by any collector, with a bearer token, into Kafka. */
package org.earshot.jobs.webhook;
