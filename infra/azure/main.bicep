// SubmissionGateway in Azure: one resource group holding the private network, the monitoring workspace, Key Vault,
// the two storage accounts (PHI attachments; write-once tree heads), PostgreSQL and the container app.
// Deploy: infra/azure/README.md. Validate offline: infra/azure/validate.sh.
targetScope = 'resourceGroup'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Short environment prefix for resource names, e.g. sgw-sample.')
@minLength(3)
@maxLength(16)
param namePrefix string

@description('Container registry in this resource group that holds the gateway image.')
param registryName string

@description('The gateway image (registry/repository:tag), as pushed by azure-pipelines.yml.')
param image string

@description('Issuer (authority) of the JWTs billing systems, coders and compliance staff present (Authentication:Authority).')
param tokenAuthority string = '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'

@description('Audience of those tokens (Authentication:Audience).')
param tokenAudience string

@description('Client certificates (mTLS) for billing systems: NoCertificate, AllowCertificate or RequireCertificate (Transport:ClientCertificates).')
@allowed([ 'NoCertificate', 'AllowCertificate', 'RequireCertificate' ])
param clientCertificates string = 'AllowCertificate'

@description('Days a payload is kept after delivery before the gateway crypto-shreds it (Protection:RetentionDays).')
@minValue(1)
@maxValue(3650)
param retentionDays int = 30

@description('Days each signed tree head stays immutable (version-level WORM).')
@minValue(1)
param treeHeadImmutabilityDays int = 2190

@description('Entra group (object id) that administers PostgreSQL.')
param databaseAdminGroupId string

@description('Display name of that group.')
param databaseAdminGroupName string

@description('Entra group allowed to rotate the attachment key-encryption key; empty for none.')
param keyOperatorsGroupId string = ''

@description('PostgreSQL login of the gateway.')
param databaseLogin string = 'sgw_gateway'

@secure()
@minLength(16)
@description('Its password (stored in Key Vault inside the connection string; never output).')
param databasePassword string

@secure()
@minLength(44)
@maxLength(44)
@description('First attachment key-encryption key: `openssl rand -base64 32`.')
param attachmentKek string

@secure()
@minLength(44)
@maxLength(44)
@description('PHI column encryption key: `openssl rand -base64 32`.')
param phiFieldKey string

@secure()
@minLength(44)
@description('PHI blind-index key: `openssl rand -base64 32` (a different value).')
param phiBlindIndexKey string

@secure()
@minLength(100)
@description('Tree-head signing key: base64 PKCS#8 ECDSA P-256 (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -outform DER | base64 -w0`).')
param treeHeadSigningKey string

@secure()
@minLength(100)
@description('TLS server certificate of the gateway: base64 of a PFX without password.')
param tlsCertificatePfx string

@minValue(1)
param minReplicas int = 2

param tags object = {
  workload: 'submission-gateway'
  dataClassification: 'phi'
}

var attachmentsContainerName = 'attachments'
var treeHeadsContainerName = 'tree-heads'

// The gateway's identity (storage data, its own secrets, image pulls) and a second identity that only storage
// uses to reach the HSM key: the gateway itself can never unwrap storage account keys.
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-gateway-id'
  location: location
  tags: tags
}

resource storageKeyIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-storage-cmk-id'
  location: location
  tags: tags
}

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    namePrefix: namePrefix
    administratorLogin: databaseLogin
    administratorPassword: databasePassword
    entraAdminGroupId: databaseAdminGroupId
    entraAdminGroupName: databaseAdminGroupName
    subnetId: network.outputs.endpointsSubnetId
    dnsZoneId: network.outputs.postgresZoneId
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    namePrefix: namePrefix
    appIdentityName: appIdentity.name
    storageKeyIdentityName: storageKeyIdentity.name
    keyOperatorsGroupId: keyOperatorsGroupId
    subnetId: network.outputs.endpointsSubnetId
    dnsZoneId: network.outputs.vaultZoneId
    workspaceId: monitoring.outputs.workspaceId
    attachmentKek: attachmentKek
    phiFieldKey: phiFieldKey
    phiBlindIndexKey: phiBlindIndexKey
    treeHeadSigningKey: treeHeadSigningKey
    tlsCertificatePfx: tlsCertificatePfx
    // Npgsql checks the server certificate and its name (VerifyFull).
    databaseConnectionString: 'Host=${postgres.outputs.fullyQualifiedDomainName};Port=5432;Database=${postgres.outputs.databaseName};Username=${databaseLogin};Password=${databasePassword};SSL Mode=VerifyFull'
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    namePrefix: namePrefix
    appIdentityName: appIdentity.name
    keyIdentityId: storageKeyIdentity.id
    keyVaultUri: keyVault.outputs.vaultUri
    keyName: keyVault.outputs.storageKekName
    // The lifecycle rule is a backstop: it must never delete a payload the gateway still keeps.
    attachmentDeleteAfterDays: retentionDays + 15
    treeHeadImmutabilityDays: treeHeadImmutabilityDays
    attachmentsContainerName: attachmentsContainerName
    treeHeadsContainerName: treeHeadsContainerName
    subnetId: network.outputs.endpointsSubnetId
    blobZoneId: network.outputs.blobZoneId
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module gateway 'modules/containerapp.bicep' = {
  name: 'containerapp'
  params: {
    location: location
    namePrefix: namePrefix
    identityName: appIdentity.name
    registryName: registryName
    image: image
    appsSubnetId: network.outputs.appsSubnetId
    workspaceId: monitoring.outputs.workspaceId
    minReplicas: minReplicas
    // The names the gateway binds (see src/SubmissionGateway.Api/README.md and the *Options classes).
    settings: {
      SGW_DATA: '/data'
      Protection__DataFolder: '/data'
      Protection__KeyProvider: 'KeyVaultSecret'
      Protection__KeyVault__VaultUri: keyVault.outputs.vaultUri
      Protection__KeyVault__SecretName: keyVault.outputs.attachmentKekSecretName
      Protection__AttachmentStore: 'AzureBlob'
      Protection__AzureBlob__ServiceUri: storage.outputs.attachmentsBlobEndpoint
      Protection__AzureBlob__ContainerName: storage.outputs.attachmentsContainerName
      Protection__RetentionDays: retentionDays
      Persistence__Provider: 'PostgreSql'
      // The PHI column key's id; it names the EncryptionKeys entry below.
      PhiFields__ActiveKeyId: 'azure1'
      Disclosures__TreeHeadArchive: 'AzureBlob'
      Disclosures__TreeHeadBlob__ServiceUri: storage.outputs.treeHeadsBlobEndpoint
      Disclosures__TreeHeadBlob__ContainerName: storage.outputs.treeHeadsContainerName
      Authentication__Authority: tokenAuthority
      Authentication__Audience: tokenAudience
      Transport__ClientCertificates: clientCertificates
    }
    keyVaultReferences: {
      Persistence__ConnectionString: keyVault.outputs.databaseConnectionSecretUri
      PhiFields__EncryptionKeys__azure1: keyVault.outputs.phiFieldKeySecretUri
      PhiFields__BlindIndexKey: keyVault.outputs.phiBlindIndexKeySecretUri
      Disclosures__TreeHeadSigningKey: keyVault.outputs.treeHeadSigningKeySecretUri
      // Decoded into the data folder by the image's entrypoint, which points Transport:CertificatePath at it.
      SGW_TLS_PFX_BASE64: keyVault.outputs.tlsCertificateSecretUri
    }
    tags: tags
  }
}

output gatewayAppName string = gateway.outputs.appName
output gatewayStaticIp string = gateway.outputs.staticIp
output gatewayIdentityClientId string = appIdentity.properties.clientId
output keyVaultName string = keyVault.outputs.vaultName
output keyVaultUri string = keyVault.outputs.vaultUri
output attachmentsStorageAccount string = storage.outputs.attachmentsAccountName
output treeHeadsStorageAccount string = storage.outputs.treeHeadsAccountName
output treeHeadsBlobEndpoint string = storage.outputs.treeHeadsBlobEndpoint
output postgresServer string = postgres.outputs.serverName
output postgresHost string = postgres.outputs.fullyQualifiedDomainName
