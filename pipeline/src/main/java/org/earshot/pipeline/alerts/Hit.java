package org.earshot.pipeline.alerts;

import java.util.ArrayList;
import java.util.List;
import org.earshot.schemas.Notification;

/** A matched mention on its way to one subscription that watches a rule it matched. */
public class Hit {
    public String subscriptionId;
    /** The subscription's JSON as the fan-out saw it. */
    public String subscription;
    public Notification.Brief mention;
    /** Event time: when it was published. */
    public long eventTime;
    /** Digests only: its terms and hashtags. */
    public List<String> terms = new ArrayList<>();
    public List<String> hashtags = new ArrayList<>();

    public Hit() {}
}
