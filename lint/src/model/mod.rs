//! What the YAML means: Kubernetes objects and pod sites ([`k8s`]), how many pods a
//! controller runs at once ([`workload`]), the profile, the Multus networks annotation and
//! NADs ([`multus`]), the Calico annotations and IPPools ([`calico`]), and the per-check
//! cache that decodes each of them once ([`semantic`]). Depends only on [`crate::syntax`].

pub mod calico;
pub mod k8s;
pub mod multus;
pub mod profile;
pub mod semantic;
pub mod template;
pub mod workload;
