/**
 * A broker group on Aeron Cluster: the messaging engine of {@code io.aeolus.broker.engine} run as a
 * {@code ClusteredService}, so that a majority of members applies every client command in the same order and any of
 * them can take over as leader. {@link io.aeolus.cluster.ClusterNode} starts one member (media driver, archive,
 * consensus module and the service); {@link io.aeolus.cluster.ClusterNodeMain} is its command line. Clients connect
 * with {@code aeolus:cluster://host:port,...}; their frames are the single broker's, wrapped in
 * {@link io.aeolus.transport.ClusterFraming} so a leader change neither loses nor repeats one.
 */
package io.aeolus.cluster;
