package io.capsim.engine.api;

/**
 * What the API server answers to an in-place resize ({@link ClusterApi#resizePod}): accepted (the
 * kubelet then admits, defers or finds it infeasible), or refused by validation as Kubernetes
 * refuses it.
 */
public enum ResizeAnswer {
    /** The desired resources are updated; the kubelet takes it from here. */
    ACCEPTED,
    /** The pod is not running on a node (capsim resizes only bound pods). */
    NOT_RUNNING,
    /** Something other than CPU and memory would change (GPUs and extended resources do not resize). */
    NOT_RESIZABLE,
    /** The pod's QoS class would change, which Kubernetes forbids. */
    QOS_CHANGE,
    /** A set limit would fall below its request. */
    LIMIT_BELOW_REQUEST
}
