package org.earshot.jobs;

import org.earshot.local.networks.LocalNetworks;
import org.earshot.pipeline.publish.Account;

/** Accounts on the local stand-in networks, as the publishing tests set them up. */
final class StandInAccounts {
    private StandInAccounts() {}

    /** An account of {@code network} on the stand-ins (a loopback server, so private addresses are allowed). */
    static Account of(LocalNetworks networks, String name, String network, String identifier, String credential) {
        Account a = new Account();
        a.name = name;
        a.network = network;
        a.server = networks.httpUrl();
        a.identifier = identifier;
        a.credential = credential;
        a.privateAllowed = true;
        return a;
    }
}
