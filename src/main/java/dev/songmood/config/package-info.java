/** Settings with one home each: input column mappings and the names and defaults of the job's settings. */
package dev.songmood.config;
