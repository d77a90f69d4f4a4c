"""Who signs a video's Content Credentials: the certificate chain and key the user gives
(`VIDEOAGENT_C2PA_CERT`, `VIDEOAGENT_C2PA_KEY`: PEM files), else a development identity made
once on this machine (a root and a signer under it, ES256, in the cache folder). A video
signed with the development identity says how it was made, and that nobody vouches for the
signer: readers call it untrusted, and so do we."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from videoagent.errors import MissingDependency, UsageError
from videoagent.store.files import atomic_write_bytes
from videoagent.store.takes import default_shared_cache

DEVELOPMENT_ORGANIZATION = "videoagent (development, untrusted)"
CERT_ENV, KEY_ENV = "VIDEOAGENT_C2PA_CERT", "VIDEOAGENT_C2PA_KEY"
VALID_YEARS = 10


@dataclass(frozen=True)
class SigningIdentity:
    chain: bytes  # PEM: the signer's certificate, then those that issued it
    key: bytes  # PEM: the signer's private key
    development: bool  # made here, vouched for by nobody

    @property
    def described(self) -> str:
        if self.development:
            return "a development certificate made on this machine (untrusted)"
        return f"the certificate in {os.environ.get(CERT_ENV)}"


def signing_identity(folder: Path | None = None) -> SigningIdentity:
    """The user's identity when both variables are set, else the development one (made in
    `folder`, by default the cache's `c2pa/`, the first time)."""
    cert, key = os.environ.get(CERT_ENV), os.environ.get(KEY_ENV)
    if cert or key:
        if not (cert and key):
            raise UsageError(f"set both {CERT_ENV} and {KEY_ENV} (PEM files), or neither")
        try:
            return SigningIdentity(Path(cert).read_bytes(), Path(key).read_bytes(), False)
        except OSError as exc:
            raise UsageError(f"cannot read the signing certificate or key: {exc}") from None
    folder = Path(folder) if folder else (default_shared_cache() or Path.home()) / "c2pa"
    chain, key_file = folder / "development-chain.pem", folder / "development-key.pem"
    if not (chain.exists() and key_file.exists()):
        made_chain, made_key = new_identity(DEVELOPMENT_ORGANIZATION)
        atomic_write_bytes(key_file, made_key)
        os.chmod(key_file, 0o600)
        atomic_write_bytes(chain, made_chain)  # last: a chain on disk means a whole pair
    return SigningIdentity(chain.read_bytes(), key_file.read_bytes(), True)


def new_identity(organization: str) -> tuple[bytes, bytes]:
    """(chain, key) PEM of a new signer certificate of `organization` under a new root of
    its own. C2PA readers refuse a self-signed signer, and want one for signing, not for
    issuing."""
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    except ImportError as exc:
        raise MissingDependency("signing Content Credentials (cryptography)", "provenance") from exc

    def name(common: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, common),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            ]
        )

    def usage(*, sign: bool) -> x509.KeyUsage:
        return x509.KeyUsage(
            digital_signature=True,
            content_commitment=False,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=sign,
            crl_sign=sign,
            encipher_only=False,
            decipher_only=False,
        )

    now = datetime.datetime.now(datetime.UTC)
    root_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())

    def certificate(subject: str, public, issuer: x509.Name, *, authority: bool):
        return (
            x509.CertificateBuilder()
            .subject_name(name(subject))
            .issuer_name(issuer)
            .public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=365 * VALID_YEARS))
            .add_extension(x509.BasicConstraints(ca=authority, path_length=None), critical=True)
            .add_extension(usage(sign=authority), critical=True)
        )

    root_name = name(f"{organization} root")
    root = certificate(f"{organization} root", root_key.public_key(), root_name, authority=True)
    root = root.sign(root_key, hashes.SHA256())
    signer = (
        certificate(f"{organization} signer", key.public_key(), root.subject, authority=False)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    chain = signer.public_bytes(pem) + root.public_bytes(pem)
    private = key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return chain, private
