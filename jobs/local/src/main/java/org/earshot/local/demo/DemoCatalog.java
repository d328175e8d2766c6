package org.earshot.local.demo;

import java.util.List;

/**
 * The fictional market the demo listens to: brands with their products and competitors, and what
 * people say about them in five languages. Domains are {@code .example} (RFC 2606).
 */
final class DemoCatalog {
    private DemoCatalog() {}

    record Brand(String name, String handle, String tag, String site, List<String> products, int competitor) {}

    static final List<Brand> BRANDS = List.of(
            new Brand("Aurora", "auroramobile", "AuroraX5", "aurora.example", List.of("Aurora X5", "Aurora Buds", "AuroraOS 4"), 1),
            new Brand("Nimbus", "nimbustech", "NimbusPro", "nimbus.example", List.of("Nimbus Pro", "Nimbus Watch"), 0),
            new Brand("Brewhaus", "brewhaus", "Brewhaus", "brewhaus.example", List.of("Brewhaus Cold Brew", "Brewhaus Oat Latte"), 3),
            new Brand("Kettle & Co", "kettleco", "KettleAndCo", "kettle.example", List.of("Kettle Roast", "Kettle Decaf"), 2),
            new Brand("Skylark Air", "skylarkair", "SkylarkAir", "skylark.example", List.of("Skylark app", "Skylark Plus lounge"), 4));

    static final List<String> NETWORKS = List.of("mastodon", "bluesky", "reddit", "hackernews", "rss", "webhook");

    /** Languages with their share of posts (out of 100). */
    static final List<String> LANGUAGES = List.of("en", "es", "fr", "de", "pt");
    static final int[] LANGUAGE_WEIGHTS = {62, 14, 9, 8, 7};

    static final List<String> POSITIVE_EMOJI = List.of("😍", "🔥", "🙌", "❤️", "👍🏽", "🎉", "😊", "☕");
    static final List<String> NEGATIVE_EMOJI = List.of("😡", "👎", "😤", "💀", "😞", "🤬");

    // {b} brand, {p} product, {c} competitor product, {h} @handle, {t} #tag, {u} link, {e} emoji
    static final List<String> EN_POSITIVE = List.of(
            "Just got the {p} and honestly it's amazing {e} #{t}",
            "Shoutout to {h} for the fast support, my {p} works perfectly now {e}",
            "{p} battery life is sooo good, best purchase this year {e}",
            "Switched from {c} to {p} and I'm not going back. Love it {e}",
            "The new {p} update is great, everything feels faster {e} {u}");
    static final List<String> EN_NEGATIVE = List.of(
            "{p} keeps crashing after the update. Not impressed {e}",
            "Worst customer service ever from {h}. Still waiting on a refund {e}",
            "Is anyone else having problems with {p}? Mine died after 2 days #fail",
            "Really disappointed with {b} lately, the {p} is overpriced and slow {e}",
            "{h} why does the {p} overheat?? This is terrible {e}");
    static final List<String> EN_NEUTRAL = List.of(
            "Anyone tried the {p}? Thinking about switching from {c}",
            "{b} announced a new {p} today: {u}",
            "Comparing {p} vs {c}, thoughts? #{t}",
            "Read a long review of the {p} this morning {u}",
            "Is the {p} available in Europe yet? cc {h}");
    static final List<String> EN_CRISIS = List.of(
            "{b} is down AGAIN?! Nothing works #{t} #outage {e}",
            "{p} outage for two hours now, unacceptable {h} {e}",
            "Can't log in to {p}, is it just me? #{t}down",
            "Day ruined. {b} outage, support not answering {e} {u}");

    static final List<String> ES = List.of(
            "Me encanta mi nuevo {p}, ¡es increíble! {e} #{t}",
            "Pésimo servicio de {h}, el {p} no funciona {e}",
            "¿Alguien ha probado el {p}? Estoy pensando en cambiar de {c}");
    static final List<String> FR = List.of(
            "J'adore mon {p}, vraiment génial {e} #{t}",
            "Service client de {h} catastrophique, mon {p} est en panne {e}",
            "Quelqu'un a testé le {p} ? J'hésite avec {c}");
    static final List<String> DE = List.of(
            "Mein neues {p} ist einfach großartig {e} #{t}",
            "Der Kundenservice von {h} ist eine Katastrophe, {p} geht nicht {e}",
            "Hat jemand das {p} schon ausprobiert? Überlege von {c} zu wechseln");
    static final List<String> PT = List.of(
            "Adorei o meu novo {p}, é incrível {e} #{t}",
            "Atendimento péssimo da {h}, o {p} parou de funcionar {e}",
            "Alguém já testou o {p}? Pensando em trocar o {c}");

    static final List<String> FIRST_NAMES = List.of(
            "Ana", "Ben", "Chloé", "Dmitri", "Emma", "Farah", "Gus", "Hana", "Ines", "José",
            "Kai", "Lena", "Marta", "Noor", "Olu", "Priya", "Quinn", "Rafa", "Sven", "Tomás", "Yuki", "Zoë");
}
