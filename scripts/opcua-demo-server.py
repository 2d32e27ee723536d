#!/usr/bin/env python3
"""A stand-in DCS: a site's own recorded data served over OPC UA, to try `plant-twin browse` and live OPC UA
sources without a plant (docs/live.md, "Trying it without a plant").

    python3 -m venv /var/tmp/plant-twin-venv && /var/tmp/plant-twin-venv/bin/pip install asyncua==2.1.0
    /var/tmp/plant-twin-venv/bin/python scripts/opcua-demo-server.py sample-sites/cement-plant

Serves opc.tcp://127.0.0.1:4840/ (security None, anonymous; loopback only unless --host is given) with the
namespace urn:plant-twin:demo:<site kind> and, under Objects/<site name>, one Double variable per meter of the
site whose data column is in the site's CSV file: its browse name is the column (so `browse --site` maps it to
its meter), its EngineeringUnits the meter's unit as a UNECE code where the table below has it. The recorded
rows are replayed from the first, one row every --row-seconds (default 1: a minute of the record a second),
each value stamped with the time it is written; the replay starts again at the end.

With --secure the endpoint is Basic256Sha256 / SignAndEncrypt only, with a self-signed certificate made on
first use in --pki (default /var/tmp/plant-twin-demo-pki): the twin shows it and asks you to trust it
(docs/live.md, "Certificates"); a source for it says `security_policy = "Basic256Sha256"`. Clients'
certificates are accepted without a check (a demo, not a DCS).

Only the Python standard library and asyncua; the site's CSV is read with the csv module (a Parquet-only site
cannot be served).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import math
import signal
import sys
import tomllib
from datetime import datetime, timezone
from pathlib import Path

from asyncua import Server, ua

UNITS_NS = "http://www.opcfoundation.org/UA/units/un/cefact"

# The meter units of the sample sites, as UNECE Recommendation 20 common codes (the same codes as
# crates/live/src/opcua/units.rs).
UNECE = {
    "kW": ("KWT", "kilowatt"),
    "MW": ("MAW", "megawatt"),
    "kWh": ("KWH", "kilowatt hour"),
    "°C": ("CEL", "degree Celsius"),
    "t/h": ("E18", "tonne per hour"),
    "kg/h": ("E93", "kilogram per hour"),
    "m³/h": ("MQH", "cubic metre per hour"),
    "%": ("P1", "percent"),
    "kA": ("B22", "kiloampere"),
    "V": ("VLT", "volt"),
    "kPa": ("KPA", "kilopascal"),
    "Pa": ("PAL", "pascal"),
    "rpm": ("RPM", "revolutions per minute"),
}


def unit_id(code: str) -> int:
    """A UNECE common code packed into an Int32 (OPC UA Part 8, 5.6.3)."""
    out = 0
    for c in code:
        out = (out << 8) | ord(c)
    return out


def csv_file(site_dir: Path, site: dict) -> Path:
    for data in site.get("data", []):
        path = site_dir / data.get("path", "")
        csv_path = path.with_suffix(".csv")
        if csv_path.is_file():
            return csv_path
    sys.exit(f"opcua-demo-server: {site_dir} lists no CSV data file (nor one beside its Parquet file)")


async def secure(server: Server, pki: Path, host: str) -> None:
    """A self-signed server certificate (made once in `pki`) and only the Basic256Sha256 SignAndEncrypt endpoint."""
    from asyncua.crypto.cert_gen import setup_self_signed_certificate
    from cryptography.x509.oid import ExtendedKeyUsageOID

    pki.mkdir(parents=True, exist_ok=True)
    key, cert = pki / "server-key.pem", pki / "server-cert.der"
    uri = "urn:plant-twin:demo-dcs"
    await setup_self_signed_certificate(key, cert, uri, host, [ExtendedKeyUsageOID.SERVER_AUTH], {"countryName": "CN", "organizationName": "Plant Twin demo", "commonName": "Plant Twin demo DCS"})
    await server.set_application_uri(uri)
    await server.load_certificate(str(cert))
    await server.load_private_key(str(key))
    server.set_security_policy([ua.SecurityPolicyType.Basic256Sha256_SignAndEncrypt])


async def run(site_dir: Path, host: str, port: int, row_seconds: float, pki: Path | None) -> None:
    site = tomllib.loads((site_dir / "site.toml").read_text(encoding="utf-8"))
    with csv_file(site_dir, site).open(newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader if r]
    columns = {name: k for k, name in enumerate(header)}
    meters = [(m["column"], m.get("unit", "")) for m in site.get("meter", []) if m.get("column") in columns]
    if not meters or not rows:
        sys.exit("opcua-demo-server: no meter of the site has a column in its CSV file")

    server = Server()
    await server.init()
    server.set_endpoint(f"opc.tcp://{host}:{port}/")
    server.set_server_name(f"Plant Twin demo DCS: {site['site'].get('name', site_dir.name)}")
    if pki is None:
        server.set_security_policy([ua.SecurityPolicyType.NoSecurity])
    else:
        await secure(server, pki, host)
    server.set_identity_tokens([ua.AnonymousIdentityToken])
    ns = await server.register_namespace(f"urn:plant-twin:demo:{site['site'].get('kind', 'site')}")
    folder = await server.nodes.objects.add_folder(ua.NodeId("Plant", ns), ua.QualifiedName(site_dir.name, ns))
    nodes = []
    for column, unit in meters:
        node = await folder.add_variable(ua.NodeId(f"Plant.{column}", ns), ua.QualifiedName(column, ns), 0.0, varianttype=ua.VariantType.Double)
        if unit in UNECE:
            code, description = UNECE[unit]
            eu = ua.EUInformation(NamespaceUri=UNITS_NS, UnitId=unit_id(code), DisplayName=ua.LocalizedText(unit, "en"), Description=ua.LocalizedText(description, "en"))
            await node.add_property(ua.NodeId(f"Plant.{column}.EngineeringUnits", ns), ua.QualifiedName("EngineeringUnits", 0), eu, varianttype=ua.VariantType.ExtensionObject, datatype=ua.NodeId(ua.ObjectIds.EUInformation, 0))
        nodes.append((node, columns[column]))
    await server.start()
    print(f"serving {len(nodes)} variables of {site_dir} on opc.tcp://{host}:{port}/ ({len(rows)} rows, one every {row_seconds} s)", flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    k = 0
    while not stop.is_set():
        row = rows[k % len(rows)]
        now = datetime.now(timezone.utc)
        for node, col in nodes:
            try:
                value = float(row[col])
            except (ValueError, IndexError):
                value = math.nan
            status = ua.StatusCode(ua.StatusCodes.Good if math.isfinite(value) else ua.StatusCodes.BadNoData)
            dv = ua.DataValue(Value=ua.Variant(value if math.isfinite(value) else None, ua.VariantType.Double), StatusCode=status, SourceTimestamp=now, ServerTimestamp=now)
            await server.write_attribute_value(node.nodeid, dv)
        k += 1
        try:
            await asyncio.wait_for(stop.wait(), timeout=row_seconds)
        except TimeoutError:
            pass
    await server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a site package folder (its site.toml and CSV data)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default loopback only)")
    parser.add_argument("--port", type=int, default=4840)
    parser.add_argument("--row-seconds", type=float, default=1.0, help="seconds between replayed rows")
    parser.add_argument("--secure", action="store_true", help="Basic256Sha256 / SignAndEncrypt with a self-signed certificate")
    parser.add_argument("--pki", type=Path, default=Path("/var/tmp/plant-twin-demo-pki"), help="where --secure keeps its key and certificate")
    args = parser.parse_args()
    asyncio.run(run(args.site, args.host, args.port, args.row_seconds, args.pki if args.secure else None))


if __name__ == "__main__":
    main()
