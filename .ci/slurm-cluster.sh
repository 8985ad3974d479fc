#!/bin/sh
# A single-node Slurm cluster on this machine, for the Slurm integration test
# (Tests/viralTests/SlurmTests.swift): munged, slurmctld and slurmd with a generated
# slurm.conf and munge key, all under $VIRAL_SLURM_DIR (default /tmp/viral-slurm).
#
#   .ci/slurm-cluster.sh install   install slurm-wlm and munge from Debian (needs root or sudo; make test does)
#   .ci/slurm-cluster.sh start     start the cluster unless it already answers
#   .ci/slurm-cluster.sh stop      stop it
#
# `start` exits 0 and says so loudly when Slurm is not installed or cannot start: the test
# then skips itself, and says why.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
dir=${VIRAL_SLURM_DIR:-/tmp/viral-slurm}
conf=$dir/slurm.conf
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"

say() { echo "viral: slurm: $*" >&2; }

case "${1:-start}" in
install)
  if command -v sbatch >/dev/null 2>&1 && command -v munged >/dev/null 2>&1; then exit 0; fi
  say "installing slurm-wlm and munge ..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q slurm-wlm munge >/dev/null 2>&1 ||
    { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q slurm-wlm munge >/dev/null; } ||
    say "could not install slurm-wlm and munge; the Slurm integration test will be skipped"
  exit 0
  ;;
stop)
  for name in slurmd slurmctld munged; do
    [ -f "$dir/$name.pid" ] && $sudo kill "$(cat "$dir/$name.pid")" 2>/dev/null
  done
  exit 0
  ;;
start) ;;
*) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  say "NOT INSTALLED: the Slurm integration test will be SKIPPED (run .ci/slurm-cluster.sh install, as make test does)"
  exit 0
fi
if [ -f "$conf" ] && SLURM_CONF=$conf sinfo -h >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
  say "CANNOT START: munged, slurmctld and slurmd need root; the Slurm integration test will be SKIPPED"
  exit 0
fi

mkdir -p "$dir/spool" "$dir/state" "$dir/munge" "$dir/log"
chmod 700 "$dir/munge"
if [ ! -f "$dir/munge/munge.key" ]; then
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 2>/dev/null
  chmod 400 "$dir/munge/munge.key"
fi
host=$(hostname -s)
cpus=$(nproc)
memory=$(awk '/MemTotal/ { print int($2 / 1024 * 0.8) }' /proc/meminfo)
cat >"$conf" <<CONF
ClusterName=viral-test
SlurmctldHost=$host
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CryptoType=crypto/munge
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

$sudo munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
  --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munge.seed" ||
  { say "CANNOT START munged (see $dir/log/munged.log); the Slurm integration test will be SKIPPED"; exit 0; }
$sudo env SLURM_CONF="$conf" slurmctld || { say "CANNOT START slurmctld (see $dir/log/slurmctld.log); SKIPPING"; exit 0; }
$sudo env SLURM_CONF="$conf" slurmd || { say "CANNOT START slurmd (see $dir/log/slurmd.log); SKIPPING"; exit 0; }
for _ in $(seq 1 30); do
  if SLURM_CONF=$conf sinfo -h -o %t 2>/dev/null | grep -q idle; then
    say "a single-node cluster is up ($cpus CPUs; SLURM_CONF=$conf)"
    exit 0
  fi
  sleep 1
done
say "the cluster did not come up (see $dir/log); the Slurm integration test will be SKIPPED"
exit 0
