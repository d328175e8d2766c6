package org.earshot.jobs.training;

/** One labelled example: a post's text and its class (a sentiment, an emotion or a language code). */
public record LabelledText(String label, String text) {}
