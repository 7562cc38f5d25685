// A sample environment. No secret is in this file: key material and passwords are read from environment variables
// when the deployment is made (README: "Deploy"); a missing one stops the deployment before anything is created.
// validate.sh sets throwaway values to check this file offline.
using '../main.bicep'

param namePrefix = 'sgw-sample'
param registryName = 'sgwsampleregistry'
param image = 'sgwsampleregistry.azurecr.io/submission-gateway:sample'
param tokenAudience = 'api://submission-gateway-sample'
param clientCertificates = 'AllowCertificate'
param retentionDays = 30
param treeHeadImmutabilityDays = 2190
param minReplicas = 2
param databaseAdminGroupId = '00000000-0000-0000-0000-000000000000'
param databaseAdminGroupName = 'sgw-sample-database-admins'
param keyOperatorsGroupId = ''

param databasePassword = readEnvironmentVariable('SGW_DEPLOY_DATABASE_PASSWORD')
param attachmentKek = readEnvironmentVariable('SGW_DEPLOY_ATTACHMENT_KEK')
param phiFieldKey = readEnvironmentVariable('SGW_DEPLOY_PHI_FIELD_KEY')
param phiBlindIndexKey = readEnvironmentVariable('SGW_DEPLOY_PHI_BLIND_INDEX_KEY')
param treeHeadSigningKey = readEnvironmentVariable('SGW_DEPLOY_TREE_HEAD_SIGNING_KEY')
param tlsCertificatePfx = readEnvironmentVariable('SGW_DEPLOY_TLS_PFX_BASE64')
