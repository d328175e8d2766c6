/**
 * Stand-ins for the networks on 127.0.0.1 speaking their real wire formats (RSS, Mastodon REST
 * and streaming, Jetstream over WebSocket, Reddit, Hacker News), so the demo and the tests run
 * every source path without the internet.
 */
package org.earshot.local.networks;
