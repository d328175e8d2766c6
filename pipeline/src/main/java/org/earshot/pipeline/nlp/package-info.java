/**
 * Language, sentiment and emotion of a mention, with Apache OpenNLP: the detectors and
 * classifiers, the labelled data they are trained and evaluated on, and the metrics they are
 * judged by.
 */
package org.earshot.pipeline.nlp;
